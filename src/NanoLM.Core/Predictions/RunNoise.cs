using MathNet.Numerics.Distributions;
using NanoLM.Fitting;

namespace NanoLM.Predictions;

/// <summary>
/// How far one training run lands from its width's mean: the pooled spread of log-loss between seeds of the same width.
/// A verified target is one run, so an interval that is to contain its loss needs this noise on top of the fit's own
/// uncertainty (the bootstrap's), which only says where the mean curve lies.
/// </summary>
/// <param name="Relative">The standard deviation of one run's loss, relative to the loss.</param>
/// <param name="DegreesOfFreedom">Σ (seeds − 1) over the widths with two seeds or more; null when the noise is assumed, not measured.</param>
public sealed record RunNoise(double Relative, int? DegreesOfFreedom)
{
    /// <summary>Whether the noise is predict.assumed_run_noise rather than measured (one seed per width measures nothing).</summary>
    public bool Assumed => DegreesOfFreedom is null;

    /// <summary>The pooled estimate, or null when no width has two runs (nothing to estimate it from).</summary>
    public static RunNoise? Estimate(IEnumerable<RungLoss> rungs)
    {
        double squares = 0;
        int freedom = 0;
        foreach (var width in rungs.GroupBy(r => r.Trial.Width))
        {
            var logs = width.Select(r => Math.Log(r.Loss)).ToList();
            if (logs.Count < 2) continue;
            double mean = logs.Average();
            squares += logs.Sum(x => (x - mean) * (x - mean));
            freedom += logs.Count - 1;
        }
        return freedom == 0 ? null : new RunNoise(Math.Sqrt(squares / freedom), freedom);
    }

    /// <summary>A noise taken on trust, for ladders that cannot measure it; null when it is zero (intervals then ignore seed noise).</summary>
    public static RunNoise? Assume(double relative) => relative > 0 ? new RunNoise(relative, null) : null;

    /// <summary>How far, relative to the loss, this noise reaches at the interval's level (see <see cref="Widen"/>).</summary>
    /// <param name="oneTraining">
    /// True for one training of the target, which lands off the mean curve by one run's noise; false for the expected
    /// loss (the mean over trainings), which carries only the ladder's noise through the fit: an assumed noise's
    /// leverage, and nothing for a measured one, which the bootstrap already carries.
    /// </param>
    public double RelativeHalfWidth(double level, double ladderLeverage = 0, bool oneTraining = true)
    {
        double quantile = DegreesOfFreedom is { } freedom
            ? StudentT.InvCDF(0, 1, freedom, 0.5 + level / 2)
            : Normal.InvCDF(0, 1, 0.5 + level / 2);
        double carried = (Assumed, oneTraining) switch
        {
            (true, true) => Math.Sqrt(1 + ladderLeverage * ladderLeverage),
            (true, false) => ladderLeverage,
            (false, true) => 1,
            (false, false) => 0,
        };
        return Relative * carried * quantile;
    }

    /// <summary>
    /// Adds the noise in quadrature to each side of the interval, at the interval's level with Student's t for the
    /// few degrees of freedom a ladder gives (t, not z: two seeds of five widths are 5 degrees of freedom); an assumed
    /// noise is taken as known, so z.
    /// </summary>
    /// <param name="ladderLeverage">
    /// How many times over the ladder's own runs carry their noise to this prediction (<see cref="ExtrapolationLeverage"/>),
    /// added with the target's own: only for an assumed noise, since a measured one came from seeds the bootstrap resamples
    /// and so already moves the fit. One seed per rung gives the bootstrap nothing to see it by: seed 11's one-seed power
    /// law passed the gate with [1.0800, 1.1340] against a measured 1.1356.
    /// </param>
    /// <param name="oneTraining">An interval for one training of the target, or (false) for its expected loss.</param>
    public Prediction Widen(Prediction p, double level, double ladderLeverage = 0, bool oneTraining = true)
    {
        if (!p.HasInterval) return p;
        double half = RelativeHalfWidth(level, ladderLeverage, oneTraining) * p.Predicted;
        double below = p.Predicted - p.Lower, above = p.Upper - p.Predicted;
        return p with
        {
            Lower = p.Predicted - Math.Sqrt(below * below + half * half),
            Upper = p.Predicted + Math.Sqrt(above * above + half * half),
        };
    }
}

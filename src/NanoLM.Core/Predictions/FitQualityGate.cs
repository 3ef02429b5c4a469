using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Predictions;

/// <summary>
/// Grades a ladder fit before its interval is shown: the residuals of each width's mean, whether wider is always better,
/// the leave-widest-out backtest against the interval the targets claim, parameters pinned at a bound or exponents no
/// language model has shown, and (whole-curve) runs still on the initial plateau (<see cref="GateChecks"/>). When a check
/// fails it says why in one sentence, and <see cref="IntervalPolicy"/> widens or withholds the interval. Apart from the
/// checks, it says when a target's interval cannot tell it from the widest rung (<see cref="FitQualityVerdict.Signal"/>):
/// a sound fit with nothing to extrapolate.
/// </summary>
public static class FitQualityGate
{
    /// <summary>The accuracy goal (docs/architecture.md, goals): a law that misses its own widths' means by more than 1 % cannot be trusted to 1 % at 9×.</summary>
    public const double ResidualLimit = 0.01;

    /// <summary>
    /// An exponent above this says the fit bent the law around noise, not that loss falls as N^-2: Kaplan et al. (0.076),
    /// Hoffmann et al. (0.34, 0.28), Besiroglu et al. (0.35, 0.37) and μScaling (0.42) all lie far below it.
    /// </summary>
    public const double PlausibleExponent = 2;

    /// <summary>Backtest misses below μScaling's best published errors (0.2 %) pass whatever the interval: finer than the evaluation resolves.</summary>
    public const double BacktestTolerance = 0.002;

    /// <summary>An inversion up to this many standard deviations of the difference between two widths' means is what seed noise does (two-sided 95 %).</summary>
    public const double InversionNoise = 1.96;

    public static FitQualityVerdict Evaluate(ExperimentPrediction prediction)
    {
        var ladder = GateLadder.Of(prediction);
        var checks = GateChecks.All(ladder);
        var failures = checks.Select(c => c.Failure).OfType<GateFailure>().ToList();
        var action = IntervalPolicy.Action(failures);
        var predictions = IntervalPolicy.Apply(ladder, action);
        return new FitQualityVerdict(failures.Count == 0, checks, failures.MinBy(f => f.Kind)?.Sentence, action, Notes(ladder), predictions, ladder.MaxResidual, ladder.BacktestMiss)
        {
            RunNoise = prediction.Outcome.Bootstrap is null ? null : ladder.Noise,
            ExpectedPredictions = IntervalPolicy.Apply(ladder, action, oneTraining: false),
            Signal = Signal(prediction, predictions),
        };
    }

    /// <summary>Caveats that do not trip the gate: seed noise that one seed per width cannot measure, no bootstrap, E held on the oracle loss.</summary>
    static List<string> Notes(GateLadder ladder)
    {
        var notes = new List<string>();
        if (ladder.Widths.Count > 0 && ladder.Noise is null)
            notes.Add("one seed per width: the intervals ignore seed noise (set ladder.seeds: 2 or more)");
        else if (ladder.Widths.Count > 0 && ladder.Noise!.Assumed)
            notes.Add($"one seed per width: the intervals assume one run's seed noise is ±{ladder.Noise.Relative.ToString("P1", CultureInfo.InvariantCulture)} (predict.assumed_run_noise), in the target's training and, carried through the fit, in the ladder's runs, since nothing measures it; set ladder.seeds: 2 or more to measure it");

        if (ladder.Outcome.Bootstrap is null)
            notes.Add("no bootstrap (--bootstrap 0): no intervals");
        if (FlooredLaw.HoldsE(ladder.Outcome.Fit))
            notes.Add($"{GateChecks.OnFloor(ladder.Outcome.Fit)}: the ladder alone would put the irreducible loss below what any model can reach, so the floor sets it (predict.loss_floor) and the ladder sets A and alpha");
        return notes;
    }

    /// <summary>
    /// Null when every target beyond the ladder is predicted better than the widest rung by more than its interval's
    /// reach; otherwise the sentence that says the ladder cannot tell that target from its widest rung, and what to change.
    /// Not a failure: the fit may be sound, it only has nothing to extrapolate.
    /// </summary>
    static string? Signal(ExperimentPrediction prediction, IReadOnlyList<Prediction> gated)
    {
        var widths = prediction.Widths;
        if (widths.Count == 0) return null;
        var widest = widths[^1];
        var unresolved = prediction.Targets.Zip(gated)
            .Where(pair => pair.First.Trial.NonEmbeddingParameters > widest.Params)
            .Select(pair => (pair.First.Trial, Gain: TargetGain.Over(widest, pair.Second)))
            .FirstOrDefault(pair => pair.Gain.HasInterval && !pair.Gain.Resolved);
        if (unresolved.Trial is not { } target) return null;
        var gain = unresolved.Gain;
        return $"The ladder cannot tell the target from its widest rung: width {target.Width} is predicted {Versus(gain.Gain)} than width {widest.Width} ({GateChecks.F4(widest.Loss)}), " +
               $"but its interval runs from {Versus(gain.Lower)} to {Versus(gain.Upper)}, so the fit adds nothing to \"as good as width {widest.Width}\"; " +
               $"{GateChecks.MoreTokens}, use narrower rungs (a wider span of sizes, each further from its data limit), or {GateChecks.MoreSeeds}.";
    }

    static string Versus(double gain) => gain >= 0 ? $"{GateChecks.Gap(gain)} better" : $"{GateChecks.Gap(-gain)} worse";
}

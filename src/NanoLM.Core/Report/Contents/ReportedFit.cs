namespace NanoLM.Report;

/// <summary>The scaling law fitted to the ladder and what it predicts for the targets, as the report shows them (Fitting's <see cref="Fitting.ScalingFit"/> runs the fit).</summary>
/// <param name="XName">What X is, e.g. "non-embedding parameters"; <paramref name="XUnit"/> its unit when it has one, e.g. "FLOPs".</param>
/// <param name="Curve">The fitted law sampled over the plotted range (see <see cref="PowerLawCurve"/>).</param>
/// <param name="Band">Bootstrap interval of the curve, sampled at the same or other X values.</param>
/// <param name="OracleLoss">The lowest loss any model can reach on this corpus (known exactly for the synthetic corpus).</param>
public sealed record ReportedFit(
    string Law,
    string XName,
    string? XUnit,
    IReadOnlyList<ScalingPoint> LadderPoints,
    IReadOnlyList<ScalingPoint> Curve,
    IReadOnlyList<FitParameter> Parameters,
    IReadOnlyList<ScalingBandPoint>? Band = null,
    IReadOnlyList<TargetPrediction>? Targets = null,
    double? OracleLoss = null,
    string? Fitter = null,
    double? Objective = null)
{
    /// <summary>What a reader must know to read the parameters, such as why their intervals are left out.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A loss at a scale (parameters, FLOPs or tokens, whichever the fit uses), with an optional label such as "width 128".</summary>
public sealed record ScalingPoint(double X, double Loss, string? Label = null);

/// <summary>The bootstrap interval of the fitted curve at one scale.</summary>
public sealed record ScalingBandPoint(double X, double Lower, double Upper);

/// <summary>A fitted law parameter with its bootstrap interval when there is one.</summary>
public sealed record FitParameter(string Name, double Value, double? Lower = null, double? Upper = null);

/// <summary>The loss predicted for a target model, its interval, and the measured loss once the target has been trained.</summary>
public sealed record TargetPrediction(string Name, double X, double Predicted, double? Lower = null, double? Upper = null, double? Measured = null)
{
    /// <summary>(predicted − measured) / measured, the sign convention of μScaling's tables.</summary>
    public double? RelativeError => Measured is double measured ? (Predicted - measured) / measured : null;

    public bool? IntervalContainsMeasured =>
        Measured is double measured && Lower is double lower && Upper is double upper ? lower <= measured && measured <= upper : null;

    /// <summary>How much better than the widest rung the target is predicted to be; null when not computed.</summary>
    public RungGain? Gain { get; init; }

    /// <summary>The interval for the target's expected loss (the mean over trainings); Lower and Upper are for one training.</summary>
    public double? ExpectedLower { get; init; }
    public double? ExpectedUpper { get; init; }
}

/// <summary>A predicted gain over a ladder rung (1 − predicted / rung's loss) and its interval, when there is one.</summary>
public sealed record RungGain(string Rung, double Gain, double? Lower = null, double? Upper = null);

/// <summary>Samples L(X) = E + A·X^(−α), or any fitted law of X, at points evenly spaced in log X, for drawing it.</summary>
public static class PowerLawCurve
{
    public static IReadOnlyList<ScalingPoint> Sample(double e, double a, double alpha, double xMin, double xMax, int count = 64) =>
        Sample(x => e + a * Math.Pow(x, -alpha), xMin, xMax, count);

    public static IReadOnlyList<ScalingPoint> Sample(Func<double, double> loss, double xMin, double xMax, int count = 64)
    {
        if (!(xMin > 0) || !(xMax > xMin)) throw new ArgumentException("the range must satisfy 0 < xMin < xMax", nameof(xMin));
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), "a curve needs at least two samples");
        double logMin = Math.Log(xMin), step = (Math.Log(xMax) - logMin) / (count - 1);
        return Enumerable.Range(0, count)
            .Select(i => Math.Exp(logMin + i * step))
            .Select(x => new ScalingPoint(x, loss(x)))
            .ToList();
    }
}

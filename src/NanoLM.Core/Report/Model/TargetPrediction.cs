namespace NanoLM.Report;

/// <summary>The loss predicted for a target model, its interval, and the measured loss once the target has been trained.</summary>
public sealed record TargetPrediction(string Name, double X, double Predicted, double? Lower = null, double? Upper = null, double? Measured = null)
{
    /// <summary>(predicted − measured) / measured, the sign convention of μScaling's tables.</summary>
    public double? RelativeError => Measured is double measured ? (Predicted - measured) / measured : null;

    public bool? IntervalContainsMeasured =>
        Measured is double measured && Lower is double lower && Upper is double upper ? lower <= measured && measured <= upper : null;

    /// <summary>How much better than the widest rung the target is predicted to be; null when not computed.</summary>
    public RungGain? Gain { get; init; }
}

/// <summary>A predicted gain over a ladder rung (1 − predicted / rung's loss) and its interval, when there is one.</summary>
public sealed record RungGain(string Rung, double Gain, double? Lower = null, double? Upper = null);

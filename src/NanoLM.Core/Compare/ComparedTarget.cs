namespace NanoLM.Compare;

/// <summary>Both designs' predicted loss at one size, with bootstrap intervals, and how often A's prediction was below B's.</summary>
/// <param name="ProbabilityABeatsB">The fraction of paired bootstrap fits in which A predicts a lower loss than B (ties count half).</param>
public sealed record ComparedTarget(double Params, DesignPrediction A, DesignPrediction B, double ProbabilityABeatsB);

/// <summary>One design's predicted loss at a size and its percentile interval over the bootstrap fits.</summary>
public sealed record DesignPrediction(double Predicted, double Lower, double Upper)
{
    /// <summary>No prediction: the design's fit is degenerate.</summary>
    public static DesignPrediction None { get; } = new(double.NaN, double.NaN, double.NaN);
}

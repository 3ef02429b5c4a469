namespace NanoLM.Spec;

/// <summary>The `predict:` section: which law to fit and at which step the ladder's losses are read.</summary>
public sealed record PredictSpec
{
    public ScalingLaw Law { get; init; } = ScalingLaw.Power;
    /// <summary>Null means the final step (train.steps).</summary>
    public int? FitStep { get; init; }
}

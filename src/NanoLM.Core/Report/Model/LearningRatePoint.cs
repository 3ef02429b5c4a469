namespace NanoLM.Report;

/// <summary>One search trial: its peak learning rate and the validation loss it reached (NaN or ∞ when it diverged).</summary>
public sealed record LearningRatePoint(double LearningRate, double ValidationLoss)
{
    public bool Diverged => !double.IsFinite(ValidationLoss);
}

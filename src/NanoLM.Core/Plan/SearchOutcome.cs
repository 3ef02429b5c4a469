namespace NanoLM.Plan;

/// <summary>The search trial that won (lowest validation loss; ties go to the smaller LR) and its loss.</summary>
public sealed record SearchOutcome(Trial Best, double ValidationLoss);

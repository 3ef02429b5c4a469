namespace NanoLM.Plan;

/// <summary>The search point that won (lowest validation loss, averaged over its seeds; ties go to the smaller LR), as the trial of its first seed, and that loss.</summary>
public sealed record SearchOutcome(Trial Best, double ValidationLoss);

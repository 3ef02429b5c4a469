namespace NanoLM.Plan;

/// <summary>One line of `train --dry-run`: a trial's varying settings, size, cost and estimated time.</summary>
public sealed record PlanPreviewRow(
    TrialStage Stage,
    RunIdentity Identity,
    int Width,
    int Seed,
    int Steps,
    double Lr,
    double InitStd,
    double OutputMult,
    long NonEmbeddingParameters,
    long Parameters,
    long Tokens,
    double Flops,
    double EstimatedSeconds,
    bool Trains,
    bool AwaitsSearch,
    bool SameRunAsEarlierTrial);

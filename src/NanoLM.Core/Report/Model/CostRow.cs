namespace NanoLM.Report;

/// <summary>Compute spent on one stage: how many runs, their training FLOPs and their summed wall time.</summary>
public sealed record CostRow(CostStage Stage, int Runs, double Flops, TimeSpan WallTime);

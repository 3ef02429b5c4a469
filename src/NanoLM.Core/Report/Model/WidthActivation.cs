namespace NanoLM.Report;

/// <summary>Mean |activation| of a module at one width.</summary>
public sealed record WidthActivation(int Width, double MeanAbsActivation);

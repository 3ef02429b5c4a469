namespace NanoLM.Report;

/// <summary>A loss at a scale (parameters, FLOPs or tokens, whichever the fit uses), with an optional label such as "width 128".</summary>
public sealed record ScalingPoint(double X, double Loss, string? Label = null);

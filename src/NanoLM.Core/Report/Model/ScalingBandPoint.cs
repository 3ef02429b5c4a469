namespace NanoLM.Report;

/// <summary>The bootstrap interval of the fitted curve at one scale.</summary>
public sealed record ScalingBandPoint(double X, double Lower, double Upper);

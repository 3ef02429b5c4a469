using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>One observed loss, the point it was measured at, and the run it belongs to (the unit the bootstrap resamples).</summary>
public sealed record FitSample(LawPoint Point, double Loss, string Run);

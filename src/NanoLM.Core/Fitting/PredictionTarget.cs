using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>A point to predict the loss at, with its measured loss when known (to score the prediction).</summary>
public sealed record PredictionTarget(LawPoint Point, double? Loss = null, string? Run = null, long? Step = null);

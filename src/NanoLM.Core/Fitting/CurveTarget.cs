namespace NanoLM.Fitting;

/// <summary>A model to predict at a step of its training (usually the last), with its measured loss there when it was trained.</summary>
public sealed record CurveTarget(double Params, long Step, double Tokens, double? Loss = null, string? Name = null);

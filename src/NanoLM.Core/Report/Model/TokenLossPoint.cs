namespace NanoLM.Report;

/// <summary>A loss measured after a number of training tokens.</summary>
public sealed record TokenLossPoint(double Tokens, double Loss);

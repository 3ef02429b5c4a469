namespace NanoLM.Report;

/// <summary>The training and validation curves of one ladder run.</summary>
public sealed record LadderRunCurve(int Width, int Seed, IReadOnlyList<TokenLossPoint> Train, IReadOnlyList<TokenLossPoint> Validation);

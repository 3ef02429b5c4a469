namespace NanoLM.Report;

/// <summary>Every ladder run's curves, and the point in training where the scaling fit reads its losses.</summary>
/// <param name="FitAtTokens">Tokens at which the fit takes each rung's loss; drawn as a vertical line when given.</param>
public sealed record LadderCurves(IReadOnlyList<LadderRunCurve> Runs, double? FitAtTokens = null);

/// <summary>The training and validation curves of one ladder run.</summary>
public sealed record LadderRunCurve(int Width, int Seed, IReadOnlyList<TokenLossPoint> Train, IReadOnlyList<TokenLossPoint> Validation);

/// <summary>A loss measured after a number of training tokens.</summary>
public sealed record TokenLossPoint(double Tokens, double Loss);

using NanoLM.Fitting;

namespace NanoLM.Compare;

/// <summary>One design's ladder and the power law fitted to it.</summary>
public sealed record DesignFit(ComparedLadder Ladder, FitResult Fit)
{
    public double Predict(double parameters) => Fit.Predict(LawPoint.Ladder(parameters));

    /// <summary>(measured − fitted) / fitted of each rung, in the ladder's order.</summary>
    public IReadOnlyList<double> Residuals => [.. Ladder.Rungs.Select(r => (r.Loss - Predict(r.Params)) / Predict(r.Params))];
}

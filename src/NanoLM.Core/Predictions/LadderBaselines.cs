namespace NanoLM.Predictions;

/// <summary>
/// Two predictions of a target that need no scaling law, from the same ladder, that a fitted law has to beat to be worth
/// its fit: the widest rung's mean loss (no extrapolation), and a straight line in log loss against log non-embedding
/// parameters through the widths' means (a power law without an irreducible loss) read at the target.
/// </summary>
public sealed record LadderBaselines(double WidestRung, double LogLinear)
{
    public static LadderBaselines At(IReadOnlyList<WidthMean> widths, double targetParams)
    {
        if (widths.Count == 0) throw new ArgumentException("a ladder without widths has no baselines", nameof(widths));
        double widest = widths[^1].Loss;
        if (widths.Count < 2) return new LadderBaselines(widest, widest);
        var (intercept, slope) = MathNet.Numerics.Fit.Line([.. widths.Select(w => Math.Log(w.Params))], [.. widths.Select(w => Math.Log(w.Loss))]);
        return new LadderBaselines(widest, Math.Exp(intercept + slope * Math.Log(targetParams)));
    }

    /// <summary>
    /// 1 − |predicted − truth| / |baseline − truth|: 1 is exact, 0 no better than the baseline, below 0 worse than it.
    /// Null when the baseline itself is exact (no prediction can beat it).
    /// </summary>
    public static double? Skill(double predicted, double baseline, double truth) =>
        baseline == truth ? null : 1 - Math.Abs(predicted - truth) / Math.Abs(baseline - truth);

    /// <summary>The baselines for each target of a prediction, in the targets' order.</summary>
    public static IReadOnlyList<LadderBaselines> For(ExperimentPrediction prediction) =>
        [.. prediction.Targets.Select(t => At(prediction.Widths, t.Trial.NonEmbeddingParameters))];
}

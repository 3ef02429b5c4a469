using NanoLM.Fitting;

namespace NanoLM.Experiments;

/// <summary>
/// Plain sentences about a ladder fit that should not be trusted: a wider rung that is worse than a narrower one, a law
/// parameter pinned at its bound, or a backtest that missed by more than the interval admits.
/// </summary>
public static class LadderWarnings
{
    const string Remedies = "train longer (more steps, so every rung is past the initial plateau), add seeds (ladder.seeds), or use wider rungs";

    public static IReadOnlyList<string> For(ExperimentPrediction prediction)
    {
        var warnings = new List<string>();
        var widths = prediction.Rungs.GroupBy(r => r.Trial.Width).OrderBy(g => g.Key)
            .Select(g => (Width: g.Key, Loss: g.Average(r => r.Loss))).ToList();
        for (int i = 1; i < widths.Count; i++)
        {
            var best = widths.Take(i).MinBy(w => w.Loss);
            if (widths[i].Loss > best.Loss)
            {
                warnings.Add($"the ladder is not a power law: width {widths[i].Width} ({widths[i].Loss:F4}) is worse than the narrower width {best.Width} ({best.Loss:F4}); {Remedies}");
                break;
            }
        }

        var fit = prediction.Outcome.Fit;
        for (int j = 0; j < fit.Parameters.Length; j++)
        {
            double value = fit.Parameters[j], lower = fit.Law.LowerBounds[j], upper = fit.Law.UpperBounds[j];
            if (AtBound(value, lower) || AtBound(value, upper))
                warnings.Add($"the fit pinned {fit.Law.ParameterNames[j]} at its bound ({value:G4}): this ladder does not determine the law, so the prediction and its interval are not to be trusted; {Remedies}");
        }

        if (prediction.Outcome.Backtest is { HeldOut.Count: > 0 } backtest && prediction.Outcome.Predictions.FirstOrDefault(p => p.HasInterval) is { } target)
        {
            double claimed = Math.Max(target.Upper - target.Predicted, target.Predicted - target.Lower) / target.Predicted;
            if (backtest.MaxAbsoluteRelativeError > claimed)
                warnings.Add($"the backtest missed its held-out rung by {backtest.MaxAbsoluteRelativeError:P2}, more than the ±{claimed:P2} the target's interval claims");
        }
        return warnings;
    }

    static bool AtBound(double value, double bound) =>
        double.IsFinite(bound) && Math.Abs(value - bound) <= 1e-6 * Math.Max(1, Math.Abs(bound));
}

using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Fitting;

/// <summary>
/// The ladder's backtest, the same for single-step and whole-curve fits: refit without the widest rung (every run and
/// checkpoint of it) and predict that rung's last checkpoint, as the target will be predicted from the whole ladder.
/// </summary>
public static class RungBacktest
{
    /// <summary>Fewest distinct widths for a backtest: three to fit and one to hold out.</summary>
    public const int MinimumWidths = 4;

    /// <summary>Null when the samples span fewer than <see cref="MinimumWidths"/> parameter counts.</summary>
    public static BacktestResult? LeaveWidestOut(IScalingLaw law, IFitter fitter, IReadOnlyList<FitSample> samples)
    {
        var sizes = samples.Select(s => s.Point.Params).Distinct().Order().ToArray();
        if (sizes.Length < MinimumWidths) return null;
        double widest = sizes[^1];
        var fitted = samples.Where(s => s.Point.Params < widest).ToList();
        if (fitted.Count < law.ParameterNames.Count) return null;
        var fit = fitter.Fit(law, fitted);
        // Each held-out run is scored at its last checkpoint (single-step samples have no step: each is its own last).
        var heldOut = samples.Where(s => s.Point.Params == widest)
            .GroupBy(s => s.Run)
            .Select(run => run.MaxBy(s => double.IsNaN(s.Point.Step) ? 0 : s.Point.Step)!)
            .Select(s => new Prediction(new PredictionTarget(s.Point, s.Loss, s.Run, double.IsNaN(s.Point.Step) ? null : (long)s.Point.Step), fit.Predict(s.Point)))
            .ToList();
        return new BacktestResult(fitted.Count, sizes[^2], fit, heldOut);
    }
}

using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Fitting;

/// <summary>Scores a law by extrapolation, the way it will be used: fit the smallest points, predict the largest.</summary>
public static class Backtest
{
    /// <summary>
    /// Fits the points of the <paramref name="keepSizes"/> smallest distinct sizes and predicts the rest. By default
    /// the largest quarter of sizes (at least one) is held out. Null when too few points would remain to fit.
    /// </summary>
    public static BacktestResult? LeaveLargestOut(IScalingLaw law, IFitter fitter, IReadOnlyList<FitSample> samples, int? keepSizes = null)
    {
        var sizes = samples.Select(s => law.Size(s.Point)).Distinct().Order().ToArray();
        int keep = keepSizes ?? sizes.Length - Math.Max(1, sizes.Length / 4);
        if (keep < 1 || keep >= sizes.Length) return null;
        double limit = sizes[keep - 1];
        var fitted = samples.Where(s => law.Size(s.Point) <= limit).ToList();
        if (fitted.Count < law.ParameterNames.Count) return null;
        var fit = fitter.Fit(law, fitted);
        var heldOut = samples.Where(s => law.Size(s.Point) > limit)
            .OrderBy(s => law.Size(s.Point))
            .Select(s => new Prediction(new PredictionTarget(s.Point, s.Loss, s.Run, double.IsNaN(s.Point.Step) ? null : (long)s.Point.Step), fit.Predict(s.Point)))
            .ToList();
        return new BacktestResult(fitted.Count, limit, fit, heldOut);
    }

    /// <summary>One backtest per number of kept sizes, from the fewest that can fit the law up to all but the largest.</summary>
    public static IReadOnlyList<BacktestResult> Sweep(IScalingLaw law, IFitter fitter, IReadOnlyList<FitSample> samples)
    {
        int sizes = samples.Select(s => law.Size(s.Point)).Distinct().Count();
        return [.. Enumerable.Range(1, Math.Max(0, sizes - 1))
            .Select(keep => LeaveLargestOut(law, fitter, samples, keep))
            .OfType<BacktestResult>()];
    }
}

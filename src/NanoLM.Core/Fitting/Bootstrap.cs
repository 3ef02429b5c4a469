using NanoLM.Fitting.Optimization;

namespace NanoLM.Fitting;

/// <summary>The run bootstrap: resample whole runs with replacement, refit from the full fit's optimum, and read intervals off the spread.</summary>
public static class Bootstrap
{
    public const double DefaultLevel = 0.95;

    /// <param name="withinSizes">
    /// Draw each model size's runs from that size's runs only, so every resample keeps the sizes the ladder chose and
    /// varies only what chance gave them. Drawn from all runs, a ladder with one run per size resamples its design
    /// instead: a resample of three sizes fits E, A and α exactly, and the narrow ones alone put the quickstart's width
    /// 256 above its widest rung (an interval up to 1.0294 around a prediction of 0.8730, with the widest rung at 0.9948).
    /// </param>
    public static BootstrapResult Run(IFitter fitter, FitResult fit, IReadOnlyList<FitSample> samples, int resamples, int seed,
        IReadOnlyList<PredictionTarget>? targets = null, double level = DefaultLevel, bool withinSizes = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        targets ??= [];
        // Points of one run share its noise (seed, data order), so the run, not the point, is the unit of resampling.
        var runs = samples.GroupBy(s => s.Run).Select(g => g.ToArray()).ToArray();
        var random = new Random(seed);
        var draws = new int[resamples][];
        if (withinSizes)
        {
            var sizes = Enumerable.Range(0, runs.Length).GroupBy(r => runs[r][0].Point.Params).Select(g => g.ToArray()).ToArray();
            for (int b = 0; b < resamples; b++)
                draws[b] = [.. sizes.SelectMany(size => size.Select(_ => size[random.Next(size.Length)]))];
        }
        else
            for (int b = 0; b < resamples; b++)
                draws[b] = [.. Enumerable.Range(0, runs.Length).Select(_ => random.Next(runs.Length))];

        var parameters = new double[resamples][];
        var predictions = new double[resamples][];
        Parallel.For(0, resamples, b =>
        {
            var resample = draws[b].SelectMany(r => runs[r]).ToList();
            try
            {
                var refit = fitter.Fit(fit.Law, resample, [fit.Parameters]);
                if (refit.Parameters.All(double.IsFinite))
                {
                    parameters[b] = refit.Parameters;
                    predictions[b] = [.. targets.Select(t => refit.Predict(t.Point))];
                }
            }
            catch (UserError)
            {
                // A resample the law cannot fit counts as failed, not as a failure of the whole bootstrap.
            }
        });

        var kept = Enumerable.Range(0, resamples).Where(b => parameters[b] is not null).ToArray();
        double tail = (1 - level) / 2;
        int p = fit.Parameters.Length;
        var lower = new double[p];
        var upper = new double[p];
        var errors = new double[p];
        for (int j = 0; j < p; j++)
        {
            var values = kept.Select(b => parameters[b][j]).Order().ToArray();
            lower[j] = Percentiles.Of(values, tail);
            upper[j] = Percentiles.Of(values, 1 - tail);
            errors[j] = Percentiles.StandardDeviation(values);
        }
        var intervals = targets.Select((target, t) =>
        {
            var values = kept.Select(b => predictions[b][t]).Order().ToArray();
            return new Prediction(target, fit.Predict(target.Point), Percentiles.Of(values, tail), Percentiles.Of(values, 1 - tail));
        }).ToList();
        return new BootstrapResult(resamples, resamples - kept.Length, level, lower, upper, errors, intervals);
    }
}

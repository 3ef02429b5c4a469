namespace NanoLM.Fitting;

/// <summary>The run bootstrap: resample whole runs with replacement, refit from the full fit's optimum, and read intervals off the spread.</summary>
public static class Bootstrap
{
    public const double DefaultLevel = 0.95;

    public static BootstrapResult Run(IFitter fitter, FitResult fit, IReadOnlyList<FitSample> samples, int resamples, int seed,
        IReadOnlyList<PredictionTarget>? targets = null, double level = DefaultLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        targets ??= [];
        // Points of one run share its noise (seed, data order), so the run, not the point, is the unit of resampling.
        var runs = samples.GroupBy(s => s.Run).Select(g => g.ToArray()).ToArray();
        var random = new Random(seed);
        var draws = new int[resamples][];
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

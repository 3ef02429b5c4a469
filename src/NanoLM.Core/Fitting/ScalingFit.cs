using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Fitting;

/// <summary>Fit a law, predict targets, bootstrap and backtest in one call: what `fit` and `predict` both run.</summary>
public static class ScalingFit
{
    public static FitOutcome Run(IScalingLaw law, IReadOnlyList<FitSample> samples, IReadOnlyList<PredictionTarget> targets, FitOptions? options = null)
    {
        options ??= new FitOptions();
        law = FlooredLaw.Apply(law, options.LossFloor);
        if (samples.Count < law.ParameterNames.Count)
            throw new UserError($"only {samples.Count} points to fit, but the {law.Name} law has {law.ParameterNames.Count} parameters");
        var fitter = Fitters.For(law, options.Fitter);
        var fit = fitter.Fit(law, samples);
        var bootstrap = options.Bootstrap > 0 ? Bootstrap.Run(fitter, fit, samples, options.Bootstrap, options.Seed, targets, options.Level, options.ResampleWithinSizes) : null;
        var predictions = bootstrap?.Predictions ?? [.. targets.Select(t => new Prediction(t, fit.Predict(t.Point)))];
        var backtest = options.Backtest ? Backtest.LeaveLargestOut(law, fitter, samples) : null;
        return new FitOutcome(fit, predictions, bootstrap, backtest);
    }
}

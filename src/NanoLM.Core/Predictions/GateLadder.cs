using NanoLM.Fitting;

namespace NanoLM.Predictions;

/// <summary>
/// The ladder as the fit-quality gate reads it: each width's mean loss beside the law's, one run's seed noise (measured,
/// or assumed with one seed per width), and the leave-widest-out backtest's miss. Every check and the interval policy read this one view.
/// </summary>
sealed record GateLadder(ExperimentPrediction Prediction, IReadOnlyList<FittedWidth> Widths, RunNoise? Noise)
{
    public FitOutcome Outcome => Prediction.Outcome;

    public static GateLadder Of(ExperimentPrediction prediction) => new(
        prediction,
        [.. prediction.Widths.Select(w => new FittedWidth(w.Width, w.Params, w.Loss, prediction.Rungs.Where(r => r.Trial.Width == w.Width).Average(prediction.Fitted), w.Seeds))],
        RunNoise.Estimate(prediction.Rungs) ?? RunNoise.Assume(prediction.Plan.Spec.Predict.AssumedRunNoise));

    /// <summary>The largest miss of a width's mean by the law, relative to the law.</summary>
    public double MaxResidual => Widths.Count == 0 ? 0 : Widths.Max(w => Math.Abs(w.Residual));

    /// <summary>How far the fit without the widest width missed that width's mean, relative to it; null with too few widths to hold one out.</summary>
    public double? BacktestMiss
    {
        get
        {
            if (Outcome.Backtest is not { HeldOut.Count: > 0 } backtest) return null;
            double measured = backtest.HeldOut.Average(p => p.Target.Loss!.Value);
            return Math.Abs(backtest.HeldOut.Average(p => p.Predicted) - measured) / measured;
        }
    }
}

/// <summary>One width of the ladder: its mean loss over its seeds and the law's loss there.</summary>
sealed record FittedWidth(int Width, long Params, double Loss, double FittedLoss, int Seeds)
{
    public double Residual => (Loss - FittedLoss) / FittedLoss;
}

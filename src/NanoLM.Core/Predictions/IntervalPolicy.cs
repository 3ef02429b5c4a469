using NanoLM.Fitting;

namespace NanoLM.Predictions;

/// <summary>
/// What the gate does to the targets' intervals once its checks are in.
/// </summary>
/// <remarks>
/// Withheld (no interval) when a failure says the ladder gives the fit nothing to stand on: a wider width worse than a
/// narrower one by more than seed noise does, a run that never left the plateau, a law with no size term, or too few
/// widths to backtest. Widened otherwise (a smaller inversion included): to at least the larger of the backtest's miss
/// and the worst residual, scaled by how much further the target lies beyond the widest rung than the widest rung lies
/// beyond the next (in log parameters) — error grows about linearly with that distance.
/// Every interval then also carries one run's seed noise (<see cref="RunNoise"/>), so it is an interval for the loss of one
/// training of the target, which is what a verified target measures: measured with two seeds or more per width, assumed
/// (predict.assumed_run_noise) with one, because a one-seed ladder's bootstrap cannot see it and gave ±0.2 % intervals
/// that missed by 1.2 %. An assumed noise is carried twice: once for the target's training, once through the fit for the
/// ladder's runs (<see cref="ExtrapolationLeverage"/>). With one run per width the bootstrap keeps every width
/// (<see cref="FitOptions.ResampleWithinSizes"/>), so the assumed noise is the whole interval, and the backtest is held
/// to what that noise allows at the held-out width.
/// </remarks>
static class IntervalPolicy
{
    /// <summary>Kept when nothing failed; withheld when any failure withholds; widened otherwise.</summary>
    public static IntervalAction Action(IReadOnlyList<GateFailure> failures) =>
        failures.Count == 0 ? IntervalAction.Kept
        : failures.Any(f => f.Action == IntervalAction.Withheld) ? IntervalAction.Withheld
        : IntervalAction.Widened;

    /// <summary>
    /// The targets' predictions with their intervals as <paramref name="action"/> leaves them, each then carrying seed
    /// noise: one run's for one training of the target, or (<paramref name="oneTraining"/> false) only the ladder's,
    /// for the target's expected loss.
    /// </summary>
    public static IReadOnlyList<Prediction> Apply(GateLadder ladder, IntervalAction action, bool oneTraining = true)
    {
        var outcome = ladder.Outcome;
        double widen = Math.Max(ladder.BacktestMiss ?? 0, ladder.MaxResidual);
        return [.. outcome.Predictions.Select(p => action switch
        {
            IntervalAction.Withheld => p with { Lower = double.NaN, Upper = double.NaN },
            IntervalAction.Widened => Widened(p, widen * DistanceRatio(p.Target.Point.Params, ladder.Widths)),
            _ => p,
        }).Select(p => ladder.Noise is not { } noise || outcome.Bootstrap is null ? p : noise.Widen(p, outcome.Bootstrap.Level, Leverage(p, ladder.Widths), oneTraining))];
    }

    static Prediction Widened(Prediction p, double halfWidth)
    {
        double lower = p.Predicted * (1 - halfWidth), upper = p.Predicted * (1 + halfWidth);
        return p with { Lower = p.HasInterval ? Math.Min(p.Lower, lower) : lower, Upper = p.HasInterval ? Math.Max(p.Upper, upper) : upper };
    }

    static double Leverage(Prediction p, IReadOnlyList<FittedWidth> widths) =>
        widths.Count < 2 ? 0 : ExtrapolationLeverage.Factor([.. widths.Select(w => ((double)w.Params, w.Seeds))], p.Target.Point.Params);

    // How much further (in log parameters) the target lies beyond the widest rung than the widest rung beyond the next.
    static double DistanceRatio(double target, IReadOnlyList<FittedWidth> widths)
    {
        if (widths.Count < 2 || !(target > widths[^1].Params)) return 1;
        double backtest = Math.Log((double)widths[^1].Params / widths[^2].Params);
        return backtest > 0 ? Math.Max(1, Math.Log(target / widths[^1].Params) / backtest) : 1;
    }
}

using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;
using NanoLM.Spec;

namespace NanoLM.Fitting;

/// <summary>
/// Fits one law jointly to every checkpoint after the burn-in of every ladder run (Choshen et al. 2024: more points per
/// run than a fixed step gives, and seeds kept as separate runs for the bootstrap), then predicts targets at their step.
/// </summary>
public static class WholeCurveFit
{
    /// <summary>The checkpoints at or after <paramref name="burnIn"/> of every curve, as samples whose run is the curve's run.</summary>
    public static IReadOnlyList<FitSample> Samples(IScalingLaw law, IEnumerable<LadderCurve> curves, long burnIn)
    {
        var samples = new List<FitSample>();
        foreach (var curve in curves)
        {
            var areas = Areas(law, curve.Schedule, curve.Run);
            foreach (var checkpoint in curve.Checkpoints.Where(c => c.Step >= burnIn))
                samples.Add(new FitSample(Point(curve.Params, checkpoint.Step, checkpoint.Tokens, areas, curve.Run), checkpoint.Loss, curve.Run));
        }
        return samples;
    }

    /// <summary>
    /// Fits the law and predicts the targets; a target's schedule is taken to be the ladder's (the first curve's learning
    /// rates), as it is in an experiment. The backtest leaves the widest rung out (<see cref="RungBacktest"/>).
    /// </summary>
    public static FitOutcome Run(IReadOnlyList<LadderCurve> curves, IEnumerable<CurveTarget> targets, ScalingLaw law, long burnIn, FitOptions? options = null)
    {
        if (!ScalingLaws.FitsWholeCurves(law)) throw new ArgumentException($"the {ScalingLaws.Name(law)} law does not fit a ladder's whole curves", nameof(law));
        var scalingLaw = ScalingLaws.Create(law);
        return Run(scalingLaw, Samples(scalingLaw, curves, burnIn), curves, targets, options);
    }

    /// <summary>As <see cref="Run(IReadOnlyList{LadderCurve}, IEnumerable{CurveTarget}, ScalingLaw, long, FitOptions?)"/>, for samples the caller already took from <paramref name="curves"/>.</summary>
    public static FitOutcome Run(IScalingLaw scalingLaw, IReadOnlyList<FitSample> samples, IReadOnlyList<LadderCurve> curves, IEnumerable<CurveTarget> targets, FitOptions? options = null)
    {
        options ??= new FitOptions();
        var targetAreas = Areas(scalingLaw, curves.FirstOrDefault()?.Schedule, "the targets");
        var points = targets.Select(t => new PredictionTarget(Point(t.Params, t.Step, t.Tokens, targetAreas, t.Name ?? "a target"), t.Loss, t.Name, t.Step)).ToList();
        var outcome = ScalingFit.Run(scalingLaw, samples, points, options with { Backtest = false });
        var backtest = options.Backtest ? RungBacktest.LeaveWidestOut(outcome.Fit.Law, Fitters.For(outcome.Fit.Law, options.Fitter), samples) : null;
        return outcome with { Backtest = backtest };
    }

    // Areas at every step from 1 to the last recorded one, so any checkpoint can be looked up; a schedule that starts
    // after step 1 is held at its first value before it.
    static (double LrArea, double AnnealingArea)[]? Areas(IScalingLaw law, IReadOnlyList<(long Step, double Lr)>? schedule, string run)
    {
        if (law is not AnnealingLaw) return null;
        if (schedule is null || schedule.Count == 0)
            throw new UserError($"run '{run}': the annealing law needs the learning rate at every step, which the store does not hold for it");
        var known = schedule.Where(p => p.Step >= 1).DistinctBy(p => p.Step).OrderBy(p => p.Step).ToList();
        if (known.Count == 0 || known[0].Step != 1) known.Insert(0, (1, known.Count > 0 ? known[0].Lr : schedule[0].Lr));
        long[] steps = [.. Enumerable.Range(1, (int)known[^1].Step).Select(s => (long)s)];
        var rates = new double[steps.Length];
        for (int k = 0; k + 1 < known.Count; k++)
            for (long s = known[k].Step; s <= known[k + 1].Step; s++)
                rates[s - 1] = known[k].Lr + (known[k + 1].Lr - known[k].Lr) * (s - known[k].Step) / (known[k + 1].Step - known[k].Step);
        rates[^1] = known[^1].Lr;
        return LearningRateAreas.Compute(steps, rates);
    }

    static LawPoint Point(double parameters, long step, double tokens, (double LrArea, double AnnealingArea)[]? areas, string run)
    {
        if (areas is null) return new LawPoint(parameters, tokens, 6 * parameters * tokens, step);
        if (step < 1 || step > areas.Length)
            throw new UserError($"run '{run}': step {step} is beyond the {areas.Length} steps whose learning rate is known");
        var (s1, s2) = areas[step - 1];
        return new LawPoint(parameters, tokens, 6 * parameters * tokens, step, s1, s2);
    }
}

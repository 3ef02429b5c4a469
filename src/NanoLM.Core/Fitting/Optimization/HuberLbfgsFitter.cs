using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting.Optimization;

/// <summary>The robust recipe (Hoffmann et al.; Besiroglu et al.): Huber δ = 1e-3 on log loss, L-BFGS from every start of a grid, best kept.</summary>
public sealed class HuberLbfgsFitter : IFitter
{
    public string Name => FitterNames.HuberLbfgs;
    public double Delta { get; init; } = Huber.DefaultDelta;

    public FitResult Fit(IScalingLaw law, IReadOnlyList<FitSample> samples, IReadOnlyList<double[]>? naturalStarts = null)
    {
        int p = law.ParameterNames.Count;
        var starts = naturalStarts is null ? law.StartGrid(samples) : [.. naturalStarts.Select(n => LogSpace(law, n))];
        var objective = new HuberLogObjective(law, samples, Delta);
        var outcomes = MultiStart.Run(starts.Count, () => (Objective: objective.ForAnotherThread(), Minimizer: new LbfgsMinimizer(p)),
            (i, workspace) =>
            {
                var x = (double[])starts[i].Clone();
                var (value, converged, _) = workspace.Minimizer.Minimize(workspace.Objective, x);
                return new StartOutcome(x, value, converged);
            });
        int best = MultiStart.Best(outcomes);
        if (best < 0) throw new UserError($"the {law.Name} law could not be fitted: every start gave a non-positive or non-finite loss");
        var winner = outcomes[best];
        var natural = new double[p];
        law.ToNatural(winner.Parameters, natural);
        return new FitResult(law, Name, natural, null, winner.Objective, winner.Converged, starts.Count,
            MultiStart.InBasin(outcomes, winner.Objective), samples.Count);
    }

    static double[] LogSpace(IScalingLaw law, double[] natural)
    {
        var q = new double[natural.Length];
        law.ToLogSpace(natural, q);
        return q;
    }
}

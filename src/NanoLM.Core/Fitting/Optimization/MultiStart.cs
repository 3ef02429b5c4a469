namespace NanoLM.Fitting.Optimization;

/// <summary>Runs one local fit per start across cores and picks the winner independently of scheduling.</summary>
static class MultiStart
{
    /// <summary>Relative objective gap within which a start counts as having reached the best basin.</summary>
    public const double BasinTolerance = 1e-5;

    public static StartOutcome[] Run<TWorkspace>(int starts, Func<TWorkspace> createWorkspace, Func<int, TWorkspace, StartOutcome> fitFromStart)
    {
        var outcomes = new StartOutcome[starts];
        if (starts == 1)
        {
            outcomes[0] = fitFromStart(0, createWorkspace());
            return outcomes;
        }
        // Each start writes only its own slot, so the result does not depend on which thread ran it.
        Parallel.For(0, starts, createWorkspace, (i, _, workspace) =>
        {
            outcomes[i] = fitFromStart(i, workspace);
            return workspace;
        }, _ => { });
        return outcomes;
    }

    /// <summary>The lowest objective, ties broken by the lower start index; NaN never wins.</summary>
    public static int Best(StartOutcome[] outcomes)
    {
        int best = -1;
        for (int i = 0; i < outcomes.Length; i++)
            if (!double.IsNaN(outcomes[i].Objective) && (best < 0 || outcomes[i].Objective < outcomes[best].Objective))
                best = i;
        return best;
    }

    public static int InBasin(StartOutcome[] outcomes, double bestObjective) =>
        outcomes.Count(o => o.Objective <= bestObjective + BasinTolerance * Math.Abs(bestObjective) + 1e-300);
}

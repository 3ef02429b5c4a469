using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>
/// Builds the trials of a spec: search on the proxy (and on any rung listed in search.rungs), then the ladder and targets
/// at the search winners' values. Pure and deterministic: the same spec and the same search results give the same
/// trials with the same identities.
/// </summary>
public static class PlanBuilder
{
    /// <param name="searchLosses">Final validation loss of finished search runs by identity hash (NaN for diverged).</param>
    public static ExperimentPlan Build(ExperimentSpec spec, IReadOnlyDictionary<string, double>? searchLosses = null)
    {
        var execution = TrialExecution.FromSpec(spec);
        var trials = new List<Trial>();
        var losses = searchLosses ?? new Dictionary<string, double>();

        int proxyWidth = spec.Search.ProxyWidth ?? spec.Model.BaseWidth;
        int searchSteps = spec.Search.Steps ?? spec.Train.Steps;
        var points = SearchSpace.Points(spec);
        // One sweep per searched width, the proxy's first; each scored on its own width's results alone. With the search
        // off every sweep is empty, so nothing awaits it.
        var sweeps = new Dictionary<int, Sweep>();
        foreach (int width in spec.Search.Rungs.Prepend(proxyWidth).Distinct())
        {
            List<Trial> sweep = [.. from point in width == proxyWidth ? points : SearchSpace.RungPoints(spec)
                                    from k in Enumerable.Range(0, spec.Search.Seeds)
                                    select Trial.Create(TrialStage.Search, ResolvedSettings.For(spec, width, spec.Train.Seed + k, searchSteps, point), execution, trains: true, awaitsSearch: false)];
            trials.AddRange(sweep);
            sweeps[width] = new Sweep(sweep.Count > 0, sweep.Count == 0 ? null : SearchSelection.Best(sweep, losses));
        }

        var proxy = sweeps[proxyWidth];
        var chosen = proxy.Outcome?.Best.Settings.Hyperparameters ?? Hyperparameters.FromSpec(spec);

        foreach (int width in spec.Ladder.Widths)
        {
            // A rung with a search of its own trains at that search's winner; every other rung at the proxy's.
            var governing = width != proxyWidth && sweeps.TryGetValue(width, out var own) ? own : proxy;
            var values = governing.Outcome?.Best.Settings.Hyperparameters ?? chosen;
            for (int k = 0; k < spec.Ladder.SeedsAt(width); k++)
                trials.Add(Trial.Create(TrialStage.Ladder, ResolvedSettings.For(spec, width, spec.Train.Seed + k, spec.Train.Steps, values), execution, trains: true, governing.Awaits));
        }

        foreach (var target in spec.Targets)
        {
            int width = target.Width ?? ModelFootprint.WidthForParameters(spec.Model.Family, target.Params ?? 1, spec.Model.Depth, spec.Model.HeadDim);
            trials.Add(Trial.Create(TrialStage.Target, ResolvedSettings.For(spec, width, spec.Train.Seed, spec.Train.Steps, chosen), execution, trains: target.Verify, proxy.Awaits));
        }

        var rungSearches = sweeps.Where(s => s.Key != proxyWidth && s.Value.Outcome is not null).OrderBy(s => s.Key).Select(s => s.Value.Outcome!).ToList();
        return new ExperimentPlan(spec, trials, chosen, proxy.Outcome, rungSearches);
    }

    /// <summary>One width's search: whether it has trials, and its winner once every trial has a result.</summary>
    sealed record Sweep(bool Searched, SearchOutcome? Outcome)
    {
        public bool Awaits => Searched && Outcome is null;
    }
}

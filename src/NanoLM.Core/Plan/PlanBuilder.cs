using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>
/// Builds the trials of a spec: search on the proxy, then the ladder and targets at the search winner's values. Pure and
/// deterministic: the same spec and the same search results give the same trials with the same identities.
/// </summary>
public static class PlanBuilder
{
    /// <param name="searchLosses">Final validation loss of finished search runs by identity hash (NaN for diverged).</param>
    public static ExperimentPlan Build(ExperimentSpec spec, IReadOnlyDictionary<string, double>? searchLosses = null)
    {
        var execution = TrialExecution.FromSpec(spec);
        var trials = new List<Trial>();

        int proxyWidth = spec.Search.ProxyWidth ?? spec.Model.BaseWidth;
        int searchSteps = spec.Search.Steps ?? spec.Train.Steps;
        foreach (var point in SearchSpace.Points(spec))
            for (int k = 0; k < spec.Search.Seeds; k++)
                trials.Add(Trial.Create(TrialStage.Search, ResolvedSettings.For(spec, proxyWidth, spec.Train.Seed + k, searchSteps, point), execution, trains: true, awaitsSearch: false));

        SearchOutcome? outcome = trials.Count == 0 ? null : SearchSelection.Best(trials, searchLosses ?? new Dictionary<string, double>());
        bool awaitsSearch = trials.Count > 0 && outcome is null;
        var chosen = outcome?.Best.Settings.Hyperparameters ?? Hyperparameters.FromSpec(spec);

        foreach (int width in spec.Ladder.Widths)
            for (int k = 0; k < spec.Ladder.Seeds; k++)
                trials.Add(Trial.Create(TrialStage.Ladder, ResolvedSettings.For(spec, width, spec.Train.Seed + k, spec.Train.Steps, chosen), execution, trains: true, awaitsSearch));

        foreach (var target in spec.Targets)
        {
            int width = target.Width ?? ModelFootprint.WidthForParameters(spec.Model.Family, target.Params ?? 1, spec.Model.Depth, spec.Model.HeadDim);
            trials.Add(Trial.Create(TrialStage.Target, ResolvedSettings.For(spec, width, spec.Train.Seed, spec.Train.Steps, chosen), execution, trains: target.Verify, awaitsSearch));
        }

        return new ExperimentPlan(spec, trials, chosen, outcome);
    }
}

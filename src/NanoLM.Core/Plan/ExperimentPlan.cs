using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>
/// Every trial of an experiment in run order; the hyperparameters the ladder uses (the proxy search's winner); and the
/// finished searches of rungs that search on their own (search.rungs), which train at their own winners instead.
/// </summary>
public sealed record ExperimentPlan(ExperimentSpec Spec, IReadOnlyList<Trial> Trials, Hyperparameters LadderHyperparameters, SearchOutcome? Search,
    IReadOnlyList<SearchOutcome> RungSearches)
{
    public IEnumerable<Trial> SearchTrials => Trials.Where(t => t.Stage == TrialStage.Search);
    public IEnumerable<Trial> LadderTrials => Trials.Where(t => t.Stage == TrialStage.Ladder);
    public IEnumerable<Trial> TargetTrials => Trials.Where(t => t.Stage == TrialStage.Target);

    /// <summary>True when ladder and target trials still use the spec's hyperparameters pending the search.</summary>
    public bool AwaitsSearch => Trials.Any(t => t.AwaitsSearch);

    /// <summary>The trials `train` runs, each identity once (a ladder rung can coincide with a search trial).</summary>
    public IReadOnlyList<Trial> TrainedTrials => [.. Trials.Where(t => t.Trains).DistinctBy(t => t.Identity)];
}

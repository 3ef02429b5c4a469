using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Runs;

public static class StoredPlans
{
    /// <summary>The experiment's plan as it stands: the search's results in <paramref name="store"/> choose the ladder's settings.</summary>
    public static ExperimentPlan PlanFor(this RunStore store, ExperimentSpec spec) => PlanBuilder.Build(spec, store.CompletedValidationLosses());
}

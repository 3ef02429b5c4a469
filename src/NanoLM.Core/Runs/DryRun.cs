using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>
/// What `train --dry-run` shows besides its time estimates: the plan as the store leaves it, the runs it would skip
/// (settled: a final loss is recorded, finished or diverged), and advice on the ladder from the finished search runs'
/// curves (whether the step count gets past the initial plateau).
/// </summary>
public sealed record DryRun(ExperimentPlan Plan, IReadOnlySet<string> Settled, IReadOnlyList<string> Advice)
{
    /// <summary>Reads the store at <paramref name="storePath"/> when there is one; it is not created.</summary>
    public static DryRun Read(ExperimentSpec spec, string storePath)
    {
        if (!File.Exists(storePath))
        {
            var fresh = PlanBuilder.Build(spec, new Dictionary<string, double>());
            return new DryRun(fresh, new HashSet<string>(), LadderAdvice.For(fresh, []));
        }
        using var store = RunStore.OpenExisting(storePath);
        var losses = store.CompletedValidationLosses();
        var plan = PlanBuilder.Build(spec, losses);
        var searchPlateaus = new List<(Trial Trial, PlateauReport Plateau)>();
        foreach (var trial in plan.SearchTrials.Where(t => losses.TryGetValue(t.Identity.Hash, out double l) && double.IsFinite(l)).OrderBy(t => losses[t.Identity.Hash]))
            if (RunCurve.Read(store, trial) is { } curve)
                searchPlateaus.Add((trial, curve.Plateau()));
        return new DryRun(plan, losses.Keys.ToHashSet(), LadderAdvice.For(plan, searchPlateaus));
    }
}

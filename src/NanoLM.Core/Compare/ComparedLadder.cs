using NanoLM.Experiments;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Compare;

/// <summary>One design's ladder read from its store: what it is, where its losses were read, and its rungs.</summary>
/// <param name="Label">How tables and plots name the design: the experiment's name.</param>
/// <param name="TokensPerRung">Training tokens of every rung (steps × batch × context), to tell whether two ladders saw the same data.</param>
/// <param name="TargetParams">Non-embedding parameters of the experiment's own targets, at its family's count.</param>
/// <param name="LossFloor">The loss E is fitted above: the corpus's oracle loss when predict.loss_floor is oracle and the data has one.</param>
public sealed record ComparedLadder(string Label, string SpecPath, ExperimentSpec Spec, int FitStep, long TokensPerRung,
    IReadOnlyList<ComparedRung> Rungs, IReadOnlyList<long> TargetParams, double? LossFloor = null)
{
    public ModelFamily Family => Spec.Model.Family;

    /// <summary>
    /// Reads the ladder's validation losses at its fit step (predict.fit_step, else the last step), as `predict` does;
    /// <paramref name="oracle"/> is the data's oracle loss when the caller knows it, a floor for E if predict.loss_floor says so.
    /// </summary>
    public static ComparedLadder Read(ExperimentSpec spec, string specPath, RunStore store, string? label = null, double? oracle = null)
    {
        var stored = StoredLadder.ReadForFit(spec, store, specPath);
        var plan = stored.Plan;
        int fitStep = spec.Predict.FitStep ?? spec.Train.Steps;
        var rungs = stored.LossesAt(fitStep)
            .Select(r => new ComparedRung(r.Trial.Identity.Hash, r.Trial.Width, r.Trial.Seed, r.Trial.NonEmbeddingParameters, r.Loss)).ToList();
        long tokens = (long)spec.Train.Steps * spec.Train.Batch * spec.Model.SeqLen;
        return new ComparedLadder(label ?? spec.Name, Path.GetFullPath(specPath), spec, fitStep, tokens, rungs,
            [.. plan.TargetTrials.Select(t => t.NonEmbeddingParameters).Distinct()], spec.Predict.Floor(oracle));
    }
}

using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Experiments;

/// <summary>What one `train` invocation did.</summary>
public sealed record ExperimentRunResult(int Trained, int Skipped, int Diverged, bool Interrupted, ExperimentPlan FinalPlan);

/// <summary>
/// Runs a plan stage by stage against the store: finished runs are skipped, unfinished ones resume from their last
/// checkpoint, and the ladder is planned again once the search's losses are in the store.
/// </summary>
public sealed class ExperimentRunner(ExperimentSpec spec, string specPath, RunStore store, ITrialTrainer trainer, IExperimentProgress progress)
{
    /// <summary>Where a run's checkpoints live: beside the store, one folder per run identity.</summary>
    public static string CheckpointDirectory(RunStore store, string runId) =>
        Path.Combine(Path.GetDirectoryName(store.Path) ?? ".", "checkpoints", runId);

    public ExperimentRunResult Run(IReadOnlyList<TrialStage> stages, CancellationToken cancellation)
    {
        long experiment = store.EnsureExperiment(spec.Name, Path.GetFullPath(specPath));
        var first = PlanBuilder.Build(spec, store.CompletedValidationLosses());
        var pending = Pending(first, stages);
        progress.Planned(pending, first.TrainedTrials.Count(t => stages.Contains(t.Stage)) - pending.Count);

        int trained = 0, skipped = 0, diverged = 0;
        foreach (var stage in stages)
        {
            var plan = PlanBuilder.Build(spec, store.CompletedValidationLosses());
            var trials = plan.TrainedTrials.Where(t => t.Stage == stage).ToList();
            if (trials.Any(t => t.AwaitsSearch))
                throw new UserError($"the {Describe(stage)} needs the search's results first: run `dotnet nanolm train --stage search` (or `--stage all`)");
            foreach (var trial in trials)
            {
                if (store.IsSettled(trial.Identity.Hash)) { skipped++; continue; }
                var outcome = TrainOne(trial, experiment, cancellation);
                if (outcome == RunOutcome.Interrupted)
                    return new ExperimentRunResult(trained, skipped, diverged, true, plan);
                trained++;
                if (outcome == RunOutcome.Diverged) diverged++;
            }
        }
        var final = PlanBuilder.Build(spec, store.CompletedValidationLosses());
        return new ExperimentRunResult(trained, skipped, diverged, false, final);
    }

    /// <summary>The trials still to train in the selected stages, as the plan knows them now.</summary>
    public IReadOnlyList<Trial> Pending(ExperimentPlan plan, IReadOnlyList<TrialStage> stages) =>
        [.. plan.TrainedTrials.Where(t => stages.Contains(t.Stage) && !store.IsSettled(t.Identity.Hash))];

    RunOutcome TrainOne(Trial trial, long experiment, CancellationToken cancellation)
    {
        var run = store.GetOrCreateRun(RunRegistration.From(trial, experiment));
        string checkpoints = CheckpointDirectory(store, run.Id);
        progress.TrialStarted(trial, store.LastCheckpoint(run.Id)?.Step);
        using var storeRecorder = store.OpenRecorder(run.Id);
        var recorder = new ProgressRecorder(storeRecorder, trial, progress);
        RunOutcome outcome;
        try
        {
            outcome = trainer.Train(trial, recorder, checkpoints, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (recorder.Outcome is null) recorder.Finished(RunOutcome.Failed, e.Message);
            throw;
        }
        if (recorder.Outcome is null) recorder.Finished(outcome, null);
        progress.TrialEnded(trial, outcome);
        return outcome;
    }

    static string Describe(TrialStage stage) => stage switch
    {
        TrialStage.Ladder => "ladder",
        TrialStage.Target => "target stage",
        _ => "search",
    };
}

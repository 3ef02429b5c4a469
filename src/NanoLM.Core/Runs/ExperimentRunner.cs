using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>What one `train` invocation did.</summary>
public sealed record ExperimentRunResult(int Trained, int Skipped, int Diverged, bool Interrupted, ExperimentPlan FinalPlan);

/// <summary>
/// Runs a plan stage by stage against the store: finished runs are skipped, unfinished ones resume from their last
/// checkpoint, and the ladder is planned again once the search's losses are in the store.
/// </summary>
public sealed class ExperimentRunner(ExperimentSpec spec, string specPath, RunStore store, ITrialTrainer trainer, IExperimentProgress progress)
{
    /// <summary>With a launcher and more than one job, each stage's trials run in up to that many processes at once.</summary>
    public (ITrialLauncher Launcher, int Jobs)? Parallel { get; init; }

    /// <summary>Where a run's checkpoints live: beside the store, one folder per run identity.</summary>
    public static string CheckpointDirectory(RunStore store, string runId) =>
        Path.Combine(Path.GetDirectoryName(store.Path) ?? ".", "checkpoints", runId);

    public ExperimentRunResult Run(IReadOnlyList<TrialStage> stages, CancellationToken cancellation)
    {
        long experiment = store.EnsureExperiment(spec.Name, Path.GetFullPath(specPath));
        var first = store.PlanFor(spec);
        var pending = Pending(first, stages);
        progress.Planned(pending, first.TrainedTrials.Count(t => stages.Contains(t.Stage)) - pending.Count);

        int trained = 0, skipped = 0, diverged = 0;
        foreach (var stage in stages)
        {
            var plan = store.PlanFor(spec);
            var trials = plan.TrainedTrials.Where(t => t.Stage == stage).ToList();
            if (trials.Any(t => t.AwaitsSearch))
                throw new UserError($"the {Describe(stage)} needs the search's results first: run `dotnet nanolm train --stage search` (or `--stage all`)");
            var unsettled = trials.Where(t => !store.IsSettled(t.Identity.Hash)).ToList();
            skipped += trials.Count - unsettled.Count;
            var outcomes = Parallel is { Jobs: > 1 } parallel
                ? RunInProcesses(unsettled, parallel.Launcher, parallel.Jobs, cancellation)
                : RunHere(unsettled, experiment, cancellation);
            trained += outcomes.Count(o => o is RunOutcome.Finished or RunOutcome.Diverged);
            diverged += outcomes.Count(o => o == RunOutcome.Diverged);
            if (outcomes.Contains(RunOutcome.Interrupted) || cancellation.IsCancellationRequested)
                return new ExperimentRunResult(trained, skipped, diverged, true, plan);
        }
        var final = store.PlanFor(spec);
        return new ExperimentRunResult(trained, skipped, diverged, false, final);
    }

    /// <summary>Trains one run of the plan, by identity, in this process: what each process of `train --jobs` does.</summary>
    public RunOutcome RunOne(string runId, CancellationToken cancellation)
    {
        var plan = store.PlanFor(spec);
        var trial = plan.TrainedTrials.FirstOrDefault(t => t.Identity.Hash == runId)
                    ?? throw new UserError($"run {runId} is not a trial of the current plan of {specPath}");
        if (trial.AwaitsSearch) throw new UserError($"run {runId} needs the search's results first");
        return RunTrial(trial, cancellation);
    }

    /// <summary>Trains one trial the caller resolved (a scheduler task, from a plan built over every shard) into this store.</summary>
    public RunOutcome RunTrial(Trial trial, CancellationToken cancellation)
    {
        long experiment = store.EnsureExperiment(spec.Name, Path.GetFullPath(specPath));
        progress.Planned([trial], 0);
        if (store.IsSettled(trial.Identity.Hash)) return RunOutcome.Finished;
        // Settled by the trainer that held it: its outcome is in the store, where the launching process reads it.
        return TrainOne(trial, experiment, cancellation) ?? AwaitOrTakeOver(trial, experiment, cancellation) ?? RunOutcome.Finished;
    }

    /// <summary>How often a trainer looks again at a run another trainer holds.</summary>
    public TimeSpan HeldRunPoll { get; init; } = TimeSpan.FromSeconds(2);

    // Runs another trainer on this store holds are left to it: this trainer trains the rest of the stage first, then
    // waits for each held run to settle (the next stage may need its loss), or takes it over when its trainer dies.
    List<RunOutcome> RunHere(IReadOnlyList<Trial> trials, long experiment, CancellationToken cancellation)
    {
        var outcomes = new List<RunOutcome>();
        var held = new List<Trial>();
        foreach (var trial in trials)
        {
            if (store.IsSettled(trial.Identity.Hash)) continue;
            if (TrainOne(trial, experiment, cancellation) is not { } outcome)
            {
                held.Add(trial);
                continue;
            }
            outcomes.Add(outcome);
            if (outcome == RunOutcome.Interrupted) return outcomes;
        }
        foreach (var trial in held)
        {
            if (AwaitOrTakeOver(trial, experiment, cancellation) is not { } outcome) continue;
            outcomes.Add(outcome);
            if (outcome == RunOutcome.Interrupted) break;
        }
        return outcomes;
    }

    /// <summary>Waits until the run settles elsewhere (null) or its holder is gone and this trainer has trained it.</summary>
    RunOutcome? AwaitOrTakeOver(Trial trial, long experiment, CancellationToken cancellation)
    {
        while (!store.IsSettled(trial.Identity.Hash))
        {
            if (cancellation.WaitHandle.WaitOne(HeldRunPoll)) return RunOutcome.Interrupted;
            if (!store.IsSettled(trial.Identity.Hash) && TrainOne(trial, experiment, cancellation, quiet: true) is { } outcome) return outcome;
        }
        return null;
    }

    // Each trial registers and records itself from its own process; this one only launches, follows and collects.
    // Launches block for minutes, so each job gets a thread of its own rather than waiting on the thread pool.
    List<RunOutcome> RunInProcesses(IReadOnlyList<Trial> trials, ITrialLauncher launcher, int jobs, CancellationToken cancellation)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<Trial>(trials);
        var outcomes = new List<RunOutcome>();
        var failures = new List<System.Runtime.ExceptionServices.ExceptionDispatchInfo>();
        var workers = Enumerable.Range(0, Math.Min(jobs, trials.Count)).Select(_ => new Thread(() =>
        {
            while (!cancellation.IsCancellationRequested && failures.Count == 0 && queue.TryDequeue(out var trial))
            {
                try
                {
                    progress.TrialStarted(trial, null);
                    var outcome = launcher.Run(trial, metrics => progress.Step(trial, metrics), cancellation);
                    progress.TrialEnded(trial, outcome);
                    lock (outcomes) outcomes.Add(outcome);
                }
                catch (Exception e)
                {
                    lock (failures) failures.Add(System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e));
                }
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        // The first failure is reported as itself, so a user error reads as one.
        if (failures.Count > 0) failures[0].Throw();
        return outcomes;
    }

    /// <summary>The trials still to train in the selected stages, as the plan knows them now.</summary>
    IReadOnlyList<Trial> Pending(ExperimentPlan plan, IReadOnlyList<TrialStage> stages) =>
        [.. plan.TrainedTrials.Where(t => stages.Contains(t.Stage) && !store.IsSettled(t.Identity.Hash))];

    /// <summary>Claims and trains the trial; null, having touched nothing, when another live trainer holds it.</summary>
    RunOutcome? TrainOne(Trial trial, long experiment, CancellationToken cancellation, bool quiet = false)
    {
        var run = store.GetOrCreateRun(RunRegistration.From(trial, experiment));
        StoreRecorder storeRecorder;
        try
        {
            storeRecorder = store.OpenRecorder(run.Id);
        }
        catch (RunClaimedException claimed)
        {
            if (!quiet) progress.Held(trial, claimed.Holder);
            return null;
        }
        catch (RunAlreadySettledException)
        {
            return null;
        }
        using (storeRecorder) return TrainClaimed(trial, run.Id, storeRecorder, cancellation);
    }

    RunOutcome TrainClaimed(Trial trial, string runId, StoreRecorder storeRecorder, CancellationToken cancellation)
    {
        string checkpoints = CheckpointDirectory(store, runId);
        var recorded = store.LastCheckpoint(runId);
        int? resumeStep = recorded?.Step;
        // A checkpoint file the store never recorded belongs to an earlier store (deleted or replaced), or a trainer was
        // killed after writing it and before recording it; resuming from it would leave this store without the steps it
        // covers, so only the recorded one stays (matched by name: the experiment's folder may have moved).
        if (recorded is null && Directory.Exists(checkpoints))
            Directory.Delete(checkpoints, recursive: true);
        else if (recorded is not null)
            foreach (string file in Directory.Exists(checkpoints) ? Directory.GetFiles(checkpoints) : [])
                if (Path.GetFileName(file) != Path.GetFileName(recorded.Path)) File.Delete(file);
        progress.TrialStarted(trial, resumeStep);
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

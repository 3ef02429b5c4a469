using Microsoft.Data.Sqlite;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Runs;

public class ExperimentRunnerTests
{
    const string Yaml = """
        name: runner
        model: { depth: 2, head_dim: 8, seq_len: 16, base_width: 32 }
        train: { batch: 2, steps: 10, warmup: 2, eval_interval: 5, checkpoint_interval: 5 }
        search:
          proxy_width: 32
          steps: 10
          grid: { lr: [0.003, 0.01, 0.03] }
        ladder: { widths: [32, 48, 64, 96] }
        targets:
          - width: 256
          - width: 128
            verify: true
        """;

    static ExperimentSpec Spec() =>
        SpecLoader.Parse(Yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();

    static ExperimentRunResult Run(TemporaryStore temporary, ITrialTrainer trainer, string stage = "all", SilentProgress? progress = null)
    {
        using var store = temporary.Open();
        var runner = new ExperimentRunner(Spec(), Path.Combine(temporary.Directory, "nanolm.yaml"), store, trainer, progress ?? new SilentProgress());
        return runner.Run(TrainingStages.Parse(stage), CancellationToken.None);
    }

    [Fact]
    public void Search_then_ladder_at_the_best_lr_then_verified_targets()
    {
        using var temporary = new TemporaryStore();
        var trainer = new ScriptedTrialTrainer();

        var result = Run(temporary, trainer);

        Assert.False(result.Interrupted);
        Assert.Equal(0.01, result.FinalPlan.LadderHyperparameters.Lr);
        using var store = temporary.Open();
        var runs = store.ListRuns();
        // 3 search trials; the ladder's width-32 rung at lr 0.01 is the winning search run; 3 more rungs; 1 verified target.
        Assert.Equal(3 + 3 + 1, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Finished, r.Status));
        Assert.Equal(7, trainer.Calls.Count);
        Assert.All(result.FinalPlan.LadderTrials.Concat(result.FinalPlan.TargetTrials.Where(t => t.Trains)),
            t => Assert.Equal(0.01, t.Settings.Lr));
    }

    [Fact]
    public void Second_train_does_nothing()
    {
        using var temporary = new TemporaryStore();
        Run(temporary, new ScriptedTrialTrainer());
        var again = new ScriptedTrialTrainer();
        var progress = new SilentProgress();

        var result = Run(temporary, again, progress: progress);

        Assert.Empty(again.Calls);
        Assert.Equal(0, result.Trained);
        Assert.Equal(7, result.Skipped);
        Assert.Equal(0, progress.Planned);
    }

    [Fact]
    public void Interrupted_run_resumes_from_its_checkpoint_and_the_rest_follows()
    {
        using var temporary = new TemporaryStore();
        var trainer = new ScriptedTrialTrainer { InterruptAtStep = 5 };

        var first = Run(temporary, trainer);

        Assert.True(first.Interrupted);
        string interrupted = trainer.Calls.Single().Id;
        using (var store = temporary.Open())
            Assert.Equal(RunStatus.Interrupted, store.FindRun(interrupted)!.Status);

        var second = Run(temporary, trainer);

        Assert.False(second.Interrupted);
        Assert.Equal((interrupted, 5), trainer.Calls[1]);
        using var reopened = temporary.Open();
        Assert.All(reopened.ListRuns(), r => Assert.Equal(RunStatus.Finished, r.Status));
        Assert.Equal(10, reopened.Metrics(interrupted).Count(m => m.TrainLoss is not null));
    }

    [Fact]
    public void A_checkpoint_file_the_store_never_recorded_is_removed_before_the_run_resumes()
    {
        using var temporary = new TemporaryStore();
        var trainer = new ScriptedTrialTrainer { InterruptAtStep = 5 };
        Run(temporary, trainer);
        string interrupted = trainer.Calls.Single().Id;
        // A trainer killed after writing its next checkpoint and before recording it leaves such a file.
        string folder;
        using (var store = temporary.Open()) folder = ExperimentRunner.CheckpointDirectory(store, interrupted);
        File.WriteAllText(Path.Combine(folder, "unrecorded.txt"), "8");

        Run(temporary, trainer);

        Assert.Equal((interrupted, 5), trainer.Calls[1]);
        Assert.Equal(["step.txt"], trainer.CheckpointFiles[1]);
    }

    [Fact]
    public void A_new_store_starts_runs_over_instead_of_resuming_checkpoints_it_never_recorded()
    {
        using var temporary = new TemporaryStore();
        var trainer = new ScriptedTrialTrainer { InterruptAtStep = 5 };
        Run(temporary, trainer);
        string interrupted = trainer.Calls.Single().Id;
        SqliteConnection.ClearAllPools();
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(temporary.Path)!, "store.db*"))
            File.Delete(file);

        Run(temporary, trainer);

        Assert.Equal((interrupted, 0), trainer.Calls[1]);
        using var store = temporary.Open();
        Assert.Equal(10, store.Metrics(interrupted).Count(m => m.TrainLoss is not null));
    }

    [Fact]
    public void Ladder_stage_before_the_search_is_a_user_error_that_says_what_to_run()
    {
        using var temporary = new TemporaryStore();

        var error = Assert.Throws<UserError>(() => Run(temporary, new ScriptedTrialTrainer(), "ladder"));

        Assert.Contains("--stage search", error.Message);
    }

    [Fact]
    public void Stages_run_one_at_a_time_give_the_same_runs_as_all()
    {
        using var together = new TemporaryStore();
        using var apart = new TemporaryStore();
        Run(together, new ScriptedTrialTrainer());

        foreach (string stage in new[] { "search", "ladder", "targets" })
            Run(apart, new ScriptedTrialTrainer(), stage);

        using var a = together.Open();
        using var b = apart.Open();
        Assert.Equal(a.ListRuns().Select(r => r.Id).Order(), b.ListRuns().Select(r => r.Id).Order());
    }

    [Fact]
    public void Trainer_failure_marks_the_run_failed_and_surfaces()
    {
        using var temporary = new TemporaryStore();

        Assert.Throws<InvalidOperationException>(() => Run(temporary, new ThrowingTrainer()));

        using var store = temporary.Open();
        Assert.Equal(RunStatus.Failed, store.ListRuns().Single().Status);
    }

    [Fact]
    public void Jobs_launch_a_stage_side_by_side()
    {
        using var temporary = new TemporaryStore();
        var launcher = new RecordingLauncher(temporary);
        using var store = temporary.Open();
        var runner = new ExperimentRunner(Spec(), Path.Combine(temporary.Directory, "nanolm.yaml"), store, new ScriptedTrialTrainer(), new SilentProgress())
        {
            Parallel = (launcher, 2),
        };

        var result = runner.Run(TrainingStages.Parse("all"), CancellationToken.None);

        Assert.False(result.Interrupted);
        Assert.Equal(7, result.Trained);
        Assert.Equal(2, launcher.MostAtOnce);
        Assert.All(store.ListRuns(), r => Assert.Equal(RunStatus.Finished, r.Status));
    }

    /// <summary>Trains each launched trial with the scripted trainer through its own store connection, as a child process would.</summary>
    sealed class RecordingLauncher(TemporaryStore temporary) : ITrialLauncher
    {
        int running;
        public int MostAtOnce { get; private set; }
        readonly Lock gate = new();

        public NanoLM.Store.RunOutcome Run(Trial trial, Action<NanoLM.Store.StepMetrics> onStep, CancellationToken cancellation)
        {
            lock (gate) MostAtOnce = Math.Max(MostAtOnce, ++running);
            Thread.Sleep(100); // long enough for the other job to start
            using var store = temporary.Open();
            store.GetOrCreateRun(RunRegistration.From(trial));
            using var recorder = store.OpenRecorder(trial.Identity.Hash);
            var outcome = new ScriptedTrialTrainer().Train(trial, recorder, ExperimentRunner.CheckpointDirectory(store, trial.Identity.Hash), cancellation);
            lock (gate) running--;
            return outcome;
        }
    }

    sealed class ThrowingTrainer : ITrialTrainer
    {
        public NanoLM.Store.RunOutcome Train(Trial trial, NanoLM.Store.ITrainingRecorder recorder, string checkpointDirectory, CancellationToken cancellation) =>
            throw new InvalidOperationException("boom");
    }
}

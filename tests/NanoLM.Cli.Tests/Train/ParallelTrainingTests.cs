using System.Diagnostics;
using NanoLM.Store;

namespace NanoLM.Tests.Train;

public class ParallelTrainingTests
{
    [Fact]
    public void Jobs_train_every_trial_in_processes_of_their_own_and_a_second_train_does_nothing()
    {
        using var experiment = new TinyExperiment(steps: 12);

        var (exitCode, output) = RunTool("train", "-c", experiment.SpecPath, "--jobs", "2");

        Assert.True(exitCode == 0, output);
        Assert.Contains("5 trained, 0 already finished", output);
        using (var store = RunStore.OpenExisting(experiment.StorePath))
        {
            var runs = store.ListRuns();
            Assert.Equal(5, runs.Count);
            Assert.All(runs, r => Assert.Equal(RunStatus.Finished, r.Status));
            Assert.All(runs, r => Assert.Equal(12, store.Metrics(r.Id).Count(m => m.TrainLoss is not null)));
            Assert.True(runs.Select(r => r.Pid).Distinct().Count() > 1, "each trial should have run in a process of its own");
        }

        var again = RunTool("train", "-c", experiment.SpecPath, "--jobs", "2");

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("0 trained, 5 already finished", again.Output);
    }

    [Fact]
    public async Task Two_trainers_started_on_one_store_at_once_train_each_run_exactly_once()
    {
        using var experiment = new TinyExperiment(steps: 400);

        // Two `train` commands on one experiment, as two terminals would start them; the second once the first is
        // training, so that they overlap however fast this machine is.
        var first = Task.Run(() => RunTool("train", "-c", experiment.SpecPath));
        await WhenTraining(experiment.StorePath, first);
        var second = Task.Run(() => RunTool("train", "-c", experiment.SpecPath));
        var trainers = await Task.WhenAll(first, second);

        foreach (var trainer in trainers)
            Assert.True(trainer.ExitCode == 0, trainer.Output);
        int trained = trainers.Sum(t => int.Parse(System.Text.RegularExpressions.Regex.Match(t.Output, @"(\d+) trained,").Groups[1].Value));
        Assert.Equal(5, trained);
        using var store = RunStore.OpenExisting(experiment.StorePath);
        var runs = store.ListRuns();
        Assert.Equal(5, runs.Count);
        foreach (var run in runs)
        {
            Assert.Equal(RunStatus.Finished, run.Status);
            Assert.Equal(1, store.Events(run.Id).Count(e => e.Kind == "started"));
            Assert.Equal(1, store.Events(run.Id).Count(e => e.Kind == "finished"));
            Assert.Equal(400, store.Metrics(run.Id).Count(m => m.TrainLoss is not null));
        }
    }

    [Fact]
    public async Task A_trainer_killed_mid_run_leaves_the_run_to_the_other_which_finishes_it_from_its_checkpoint()
    {
        using var experiment = new TinyExperiment(steps: 400);
        using var first = ToolProcess.Start("train", "-c", experiment.SpecPath);
        var taken = await WhenCheckpointed(experiment.StorePath, first);

        // Frozen, the first trainer is alive and holds its run, so the second must leave that run alone.
        first.FreezeOutsideWriteTransaction(experiment.StorePath);
        var second = Task.Run(() => RunTool("train", "-c", experiment.SpecPath));
        await WhenAnotherTrainerRecords(experiment.StorePath, first.Id, second);
        first.Kill();
        var (exitCode, output) = await second;

        Assert.True(exitCode == 0, output);
        Assert.Contains("is training it", output);
        Assert.Matches(@"resuming at step \d+", output);
        using var store = RunStore.OpenExisting(experiment.StorePath);
        Assert.All(store.ListRuns(), r => Assert.Equal(RunStatus.Finished, r.Status));
        var run = store.FindRun(taken.Id)!;
        Assert.NotEqual(first.Id, run.Pid);
        var events = store.Events(run.Id);
        Assert.Equal(1, events.Count(e => e.Kind == "started"));
        // Claimed once by the second trainer, which went on from the first one's last checkpoint.
        Assert.Single(events, e => e.Kind == "resumed" && e.Message == $"pid {run.Pid} on {Environment.MachineName}");
        Assert.Contains(events, e => e.Kind == "resumed" && e.Message.StartsWith("resumed from step ", StringComparison.Ordinal));
        Assert.Equal(1, events.Count(e => e.Kind == "finished"));
        // Resumed from the checkpoint, not started over: every step once.
        Assert.Equal(Enumerable.Range(1, 400), store.Metrics(run.Id).Where(m => m.TrainLoss is not null).Select(m => m.Step));
    }

    [Fact]
    public void Jobs_below_one_is_a_user_error()
    {
        var run = CliRun.Of("train", "--jobs", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--jobs", run.Error);
    }

    static async Task WhenTraining(string storePath, Task trainer)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60) && !trainer.IsCompleted; await Task.Delay(50))
        {
            if (!File.Exists(storePath)) continue;
            using var store = RunStore.OpenExisting(storePath);
            if (store.ListRuns().Any(r => r.Status == RunStatus.Running)) return;
        }
        Assert.Fail("the first trainer never started a run");
    }

    static async Task<RunRecord> WhenCheckpointed(string storePath, ToolProcess trainer)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60) && !trainer.HasExited; await Task.Delay(20))
        {
            if (!File.Exists(storePath)) continue;
            using var store = RunStore.OpenExisting(storePath);
            if (store.ListRuns().FirstOrDefault(r => r.Status == RunStatus.Running && r.CheckpointStep >= 8) is { } run) return run;
        }
        throw new Xunit.Sdk.XunitException("the first trainer never checkpointed a run:\n" + trainer.Output);
    }

    // The second trainer has claimed a run of its own (it may have finished it already).
    static async Task WhenAnotherTrainerRecords(string storePath, int firstPid, Task trainer)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(90) && !trainer.IsCompleted; await Task.Delay(50))
        {
            using var store = RunStore.OpenExisting(storePath);
            if (store.ListRuns().Any(r => r.Pid is { } pid && pid != firstPid)) return;
        }
        Assert.Fail("the second trainer never trained a run");
    }

    // `--jobs` relaunches the running tool, so the parent must be the real tool, not the test host.
    static (int ExitCode, string Output) RunTool(params string[] arguments) =>
        DotnetCli.Run(AppContext.BaseDirectory, [DotnetCli.BuiltTool, .. arguments]);
}

using System.Diagnostics;
using NanoLM.Plan;
using NanoLM.ScaleOut;
using NanoLM.Store;

namespace NanoLM.Tests.Train;

/// <summary>What each task of an emitted plan runs: one trial by index, into a shard store of its own.</summary>
public class TrialTaskTests
{
    [Fact]
    public void Each_task_trains_its_trial_into_a_shard_and_the_ladder_takes_the_searched_lr()
    {
        using var experiment = new TinyExperiment();
        string spec = experiment.SpecPath;
        Assert.Equal(0, CliRun.Of("train", "-c", spec, "--emit", "kubernetes").ExitCode);
        string manifest = Path.Combine(experiment.Directory, "kubernetes", TrialManifest.FileName);
        CliRun Task(string stage, int index) => CliRun.Of("train", "-c", spec, "--stage", stage, "--trial-index", $"{index}", "--manifest", manifest);

        var early = Task("ladder", 0);
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("0 of 2 search trials have finished; run the search stage first", early.Error);

        Assert.True(Task("search", 0).ExitCode == 0);
        // The second search task finds its index where a Kubernetes Indexed Job puts it.
        var byEnvironment = DotnetProcess.Run(experiment.Directory, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1" },
            [DotnetCli.BuiltTool, "train", "-c", spec, "--stage", "search", "--manifest", manifest]);
        Assert.True(byEnvironment.ExitCode == 0, byEnvironment.Output);
        var ladder = Enumerable.Range(0, 4).Select(i => Task("ladder", i)).ToList();

        Assert.All(ladder, l => Assert.True(l.ExitCode == 0, l.Output + l.Error));
        // The ladder's rung at the proxy width and the searched LR is the search's best trial: one run, trained once.
        Assert.Single(ladder, l => l.Output.Contains("has already finished"));
        Assert.Equal(["ladder-0001.db", "ladder-0002.db", "ladder-0003.db", "search-0000.db", "search-0001.db"],
            ShardStores.All(experiment.StorePath).Select(Path.GetFileName));
        foreach (string shard in ShardStores.All(experiment.StorePath))
        {
            using var store = RunStore.OpenExisting(shard);
            Assert.Equal(RunStatus.Finished, Assert.Single(store.ListRuns()).Status);
        }
        Assert.Equal(5, ShardStores.SettledLosses(experiment.StorePath).Count);
        Assert.False(File.Exists(experiment.StorePath), "tasks write shards, never the experiment's store");
        Assert.Contains("has already finished", Task("search", 1).Output);
    }

    [Fact]
    public void A_bad_index_a_missing_manifest_or_one_from_another_spec_is_a_user_error()
    {
        using var experiment = new TinyExperiment();
        string spec = experiment.SpecPath;
        Assert.Equal(0, CliRun.Of("train", "-c", spec, "--emit", "kubernetes").ExitCode);
        string manifest = Path.Combine(experiment.Directory, "kubernetes", TrialManifest.FileName);

        var outside = CliRun.Of("train", "-c", spec, "--stage", "ladder", "--trial-index", "4", "--manifest", manifest);
        var missing = CliRun.Of("train", "-c", spec, "--stage", "search", "--trial-index", "0", "--manifest", manifest + ".gone");
        var allStages = CliRun.Of("train", "-c", spec, "--trial-index", "0", "--manifest", manifest);
        var noManifest = CliRun.Of("train", "-c", spec, "--stage", "search", "--trial-index", "0");
        File.AppendAllText(spec, "# edited after emitting\n");
        var stale = CliRun.Of("train", "-c", spec, "--stage", "search", "--trial-index", "0", "--manifest", manifest);

        Assert.Contains("trial index 4 is outside the ladder stage's 0–3", outside.Error);
        Assert.Contains("no manifest at", missing.Error);
        Assert.Contains("a trial index needs one stage", allStages.Error);
        Assert.Contains("--trial-index needs --manifest", noManifest.Error);
        Assert.Contains("was emitted from another version of", stale.Error);
        Assert.All(new[] { outside, missing, allStages, noManifest, stale }, r => Assert.Equal(1, r.ExitCode));
        Assert.Empty(ShardStores.All(experiment.StorePath));
    }

    [Fact]
    public async Task Sigterm_checkpoints_and_exits_for_a_retry_and_the_rerun_resumes_from_the_checkpoint()
    {
        using var experiment = new TinyExperiment(steps: 1000);
        string spec = experiment.SpecPath;
        Assert.Equal(0, CliRun.Of("train", "-c", spec, "--emit", "kubernetes").ExitCode);
        string[] task = ["train", "-c", spec, "--stage", "search", "--trial-index", "0", "--manifest", Path.Combine(experiment.Directory, "kubernetes", TrialManifest.FileName)];
        string shard = ShardStores.PathFor(experiment.StorePath, TrialStage.Search, 0);

        using (var running = ToolProcess.Start(task))
        {
            for (var clock = Stopwatch.StartNew(); !Checkpointed(shard); await System.Threading.Tasks.Task.Delay(20))
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60) && !running.HasExited, "the task never checkpointed:\n" + running.Output);
            // What Slurm sends a minute before the time limit, and Kubernetes on eviction.
            running.Signal("TERM");
            Assert.True(running.WaitForExit() == 75, running.Output);
            Assert.Contains("the task resumes from it when run again", running.Output);
        }
        using (var store = RunStore.OpenExisting(shard))
            Assert.Equal(RunStatus.Interrupted, Assert.Single(store.ListRuns()).Status);

        var requeued = CliRun.Of(task);

        Assert.True(requeued.ExitCode == 0, requeued.Output + requeued.Error);
        Assert.Matches(@"resuming at step \d+", requeued.Output);
        using var reopened = RunStore.OpenExisting(shard);
        var run = Assert.Single(reopened.ListRuns());
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(Enumerable.Range(1, 1000), reopened.Metrics(run.Id).Where(m => m.TrainLoss is not null).Select(m => m.Step));
    }

    static bool Checkpointed(string shard)
    {
        if (!File.Exists(shard)) return false;
        using var store = RunStore.OpenExisting(shard);
        return store.ListRuns().Any(r => r.CheckpointStep >= 8);
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using NanoLM.Plan;
using NanoLM.ScaleOut;
using NanoLM.Store;

namespace NanoLM.Tests.Train;

/// <summary>An emitted plan on a real (one-node) Slurm: submitted with its own submit.sh, merged, compared with a local train.</summary>
public sealed class SlurmTests(LocalSlurm slurm) : IClassFixture<LocalSlurm>
{
    [SlurmFact]
    public void An_emitted_plan_run_by_slurm_and_merged_holds_what_a_local_train_gives()
    {
        using var experiment = new TinyExperiment();
        var emit = CliRun.Of("train", "-c", experiment.SpecPath, "--emit", "slurm");
        Assert.True(emit.ExitCode == 0, emit.Output + emit.Error);

        var clock = Stopwatch.StartNew();
        var submit = Submit(experiment);
        Assert.True(submit.ExitCode == 0, submit.Output);
        WaitForTheQueueToEmpty(clock, TimeSpan.FromMinutes(3));
        var merge = CliRun.Of("store", "merge", "-c", experiment.SpecPath);
        using var local = new TinyExperiment();
        Assert.Equal(0, CliRun.Of("train", "-c", local.SpecPath).ExitCode);

        Assert.True(merge.ExitCode == 0, merge.Output + merge.Error + Logs(experiment));
        Assert.Contains("Merged 5 run(s) from 5 shard(s)", merge.Output);
        using var merged = RunStore.OpenExisting(experiment.StorePath);
        using var trained = RunStore.OpenExisting(local.StorePath);
        Assert.Equal(trained.CompletedValidationLosses().OrderBy(p => p.Key), merged.CompletedValidationLosses().OrderBy(p => p.Key));
        Assert.Equal(0, CliRun.Of("predict", "-c", experiment.SpecPath).ExitCode);
    }

    [SlurmFact]
    public void A_task_killed_mid_run_and_requeued_resumes_from_its_checkpoint_and_the_next_stage_still_runs()
    {
        using var experiment = new TinyExperiment(steps: 1500, checkpointInterval: 20);
        Assert.Equal(0, CliRun.Of("train", "-c", experiment.SpecPath, "--emit", "slurm").ExitCode);
        var clock = Stopwatch.StartNew();
        var submit = Submit(experiment);
        Assert.True(submit.ExitCode == 0, submit.Output);
        string search = Regex.Match(submit.Output, @"search: job (\d+)").Groups[1].Value;
        string task = $"{search}_0";
        string shard = ShardStores.PathFor(experiment.StorePath, TrialStage.Search, 0);
        while (!Checkpointed(shard))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "search task 0 never checkpointed:\n" + slurm.Run("squeue").Output + Logs(experiment));
            Thread.Sleep(100);
        }

        var kill = slurm.Run("scancel", "--signal=KILL", task);
        Assert.True(kill.ExitCode == 0, kill.Output);
        // Depending on how the kill reaches it, Slurm requeues the task itself (it was submitted with --requeue) or
        // leaves it failed; then it is requeued by hand, as a user would.
        string state;
        while ((state = State(task)) is "RUNNING" or "COMPLETING")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the killed task kept running");
            Thread.Sleep(100);
        }
        if (state is "FAILED" or "CANCELLED" or "NODE_FAIL")
        {
            var requeue = slurm.Run("scontrol", "requeue", task);
            Assert.True(requeue.ExitCode == 0, $"{state}: " + requeue.Output);
        }
        WaitForTheQueueToEmpty(clock, TimeSpan.FromMinutes(5));

        var merge = CliRun.Of("store", "merge", "-c", experiment.SpecPath);
        Assert.True(merge.ExitCode == 0, merge.Output + merge.Error + Logs(experiment));
        Assert.Contains("Merged 5 run(s) from 5 shard(s)", merge.Output);
        Assert.Matches(@"resuming at step \d+", Logs(experiment));
        using var local = new TinyExperiment(steps: 1500, checkpointInterval: 20);
        Assert.Equal(0, CliRun.Of("train", "-c", local.SpecPath).ExitCode);
        using var merged = RunStore.OpenExisting(experiment.StorePath);
        using var trained = RunStore.OpenExisting(local.StorePath);
        Assert.Equal(trained.CompletedValidationLosses().OrderBy(p => p.Key), merged.CompletedValidationLosses().OrderBy(p => p.Key));
        // The resumed run recorded every step once.
        string killed;
        using (var killedShard = RunStore.OpenExisting(shard)) killed = Assert.Single(killedShard.ListRuns()).Id;
        Assert.Equal(Enumerable.Range(1, 1500), merged.Metrics(killed).Where(m => m.TrainLoss is not null).Select(m => m.Step));
        Assert.Equal(0, CliRun.Of("predict", "-c", experiment.SpecPath).ExitCode);
    }

    (int ExitCode, string Output) Submit(TinyExperiment experiment)
    {
        // `dotnet nanolm` on the node: a dotnet-nanolm on PATH, where a global tool install puts it; sbatch passes PATH on.
        string bin = Directory.CreateDirectory(Path.Combine(experiment.Directory, "bin")).FullName;
        string wrapper = Path.Combine(bin, "dotnet-nanolm");
        File.WriteAllText(wrapper, $"#!/usr/bin/env bash\nexec dotnet '{DotnetCli.BuiltTool}' \"$@\"\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var path = Environment.GetEnvironmentVariable("PATH");
        return slurm.Run("env", $"PATH={bin}{Path.PathSeparator}{path}", "bash", Path.Combine(experiment.Directory, "slurm", "submit.sh"));
    }

    void WaitForTheQueueToEmpty(Stopwatch clock, TimeSpan limit)
    {
        string queue;
        while ((queue = slurm.Run("squeue", "-h", "-o", "%i %T %r").Output.Trim()).Length > 0)
        {
            // What afterok leaves behind once a task has failed, even after it is requeued and succeeds.
            Assert.False(queue.Contains("DependencyNeverSatisfied"), "a stage can never start:\n" + queue);
            Assert.True(clock.Elapsed < limit, $"the jobs did not finish in {limit.TotalMinutes} minutes:\n" + slurm.Run("squeue").Output);
            Thread.Sleep(500);
        }
    }

    /// <summary>The task's JobState in slurmctld's memory (there is no accounting database).</summary>
    string State(string task) => Regex.Match(slurm.Run("scontrol", "show", "job", task).Output, @"JobState=(\w+)").Groups[1].Value;

    static bool Checkpointed(string shard)
    {
        if (!File.Exists(shard)) return false;
        using var store = RunStore.OpenExisting(shard);
        return store.ListRuns().Any(r => r.CheckpointStep >= 20 && r.Status == RunStatus.Running);
    }

    static string Logs(TinyExperiment experiment)
    {
        string folder = Path.Combine(experiment.Directory, "slurm", "logs");
        return Directory.Exists(folder) ? string.Join("\n", Directory.GetFiles(folder).Select(f => $"--- {f}\n{File.ReadAllText(f)}")) : "(no logs)";
    }
}

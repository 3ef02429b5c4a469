using System.Diagnostics;
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
        // `dotnet nanolm` on the node: a dotnet-nanolm on PATH, where a global tool install puts it; sbatch passes PATH on.
        string bin = Directory.CreateDirectory(Path.Combine(experiment.Directory, "bin")).FullName;
        string wrapper = Path.Combine(bin, "dotnet-nanolm");
        File.WriteAllText(wrapper, $"#!/usr/bin/env bash\nexec dotnet '{DotnetCli.BuiltTool}' \"$@\"\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        var path = Environment.GetEnvironmentVariable("PATH");

        var clock = Stopwatch.StartNew();
        var submit = slurm.Run("env", $"PATH={bin}{Path.PathSeparator}{path}", "bash", Path.Combine(experiment.Directory, "slurm", "submit.sh"));
        Assert.True(submit.ExitCode == 0, submit.Output);
        while (slurm.Run("squeue", "-h").Output.Trim().Length > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the jobs did not finish in 3 minutes:\n" + slurm.Run("squeue").Output);
            Thread.Sleep(500);
        }
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

    static string Logs(TinyExperiment experiment)
    {
        string folder = Path.Combine(experiment.Directory, "slurm", "logs");
        return Directory.Exists(folder) ? string.Join("\n", Directory.GetFiles(folder).Select(f => $"--- {f}\n{File.ReadAllText(f)}")) : "(no logs)";
    }
}

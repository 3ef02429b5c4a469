using System.Diagnostics;
using NanoLM.Store;

namespace NanoLM.Tests.Train;

public class KilledTrainingTests
{
    [Fact]
    public void Train_killed_with_SIGKILL_resumes_and_ends_where_an_uninterrupted_train_ends()
    {
        using var uninterrupted = new TinyExperiment(steps: 120);
        using var killed = new TinyExperiment(steps: 120);
        var reference = CliRun.Of("train", "-c", uninterrupted.SpecPath);
        Assert.True(reference.ExitCode == 0, reference.Output + reference.Error);

        using (var child = StartTrainProcess(killed.SpecPath))
        {
            WaitForCheckpoint(killed.StorePath, child, TimeSpan.FromSeconds(120));
            child.Kill();
            child.WaitForExit();
        }
        using (var store = RunStore.OpenExisting(killed.StorePath))
            Assert.Contains(store.ListRuns(), r => r.Status is RunStatus.Crashed or RunStatus.Running);

        var resumed = CliRun.Of("train", "-c", killed.SpecPath);

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains("resuming at step", resumed.Output);
        using var expected = RunStore.OpenExisting(uninterrupted.StorePath);
        using var actual = RunStore.OpenExisting(killed.StorePath);
        var expectedLosses = expected.ListRuns().ToDictionary(r => r.Id, r => r.FinalValidationLoss);
        var actualLosses = actual.ListRuns().ToDictionary(r => r.Id, r => r.FinalValidationLoss);
        Assert.Equal(expectedLosses.Keys.Order(), actualLosses.Keys.Order());
        foreach (var (id, loss) in expectedLosses)
            Assert.Equal(loss!.Value, actualLosses[id]!.Value, 1e-5);
    }

    static Process StartTrainProcess(string specPath)
    {
        string tool = DotnetCli.BuiltTool;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { tool, "train", "-c", specPath }) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Waits until a run that is still training has written a checkpoint, so the kill lands mid-run.
    static void WaitForCheckpoint(string storePath, Process child, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            Assert.False(child.HasExited, "the training process ended before it was killed");
            if (File.Exists(storePath))
            {
                using var store = RunStore.OpenExisting(storePath);
                if (store.ListRuns().Any(r => r.Status == RunStatus.Running && r.CheckpointStep is > 0))
                    return;
            }
            Thread.Sleep(50);
        }
        Assert.Fail("no checkpoint appeared in time");
    }
}

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
    public void Jobs_below_one_is_a_user_error()
    {
        var run = CliRun.Of("train", "--jobs", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--jobs", run.Error);
    }

    // `--jobs` relaunches the running tool, so the parent must be the real tool, not the test host.
    static (int ExitCode, string Output) RunTool(params string[] arguments) =>
        DotnetCli.Run(AppContext.BaseDirectory, [DotnetCli.BuiltTool, .. arguments]);
}

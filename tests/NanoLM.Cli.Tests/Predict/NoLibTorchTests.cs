using NanoLM.Tests.Train;

namespace NanoLM.Tests.Predict;

/// <summary>Commands that train nothing never load libtorch: glibc's loader, asked to (LD_DEBUG=libs), names every library it opens.</summary>
public class NoLibTorchTests
{
    [Fact]
    public void Predict_report_runs_fit_and_compare_do_not_load_libtorch_and_train_does()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var experiment = new TinyExperiment();
        var environment = new Dictionary<string, string> { ["LD_DEBUG"] = "libs" };
        (int ExitCode, string Output) Tool(params string[] arguments) => DotnetProcess.Run(experiment.Directory, environment, [DotnetCli.BuiltTool, .. arguments]);

        var train = Tool("train", "-c", experiment.SpecPath);
        Assert.True(train.ExitCode == 0, train.Output);
        Assert.Contains("libtorch_cpu.so", train.Output);
        string csv = Path.Combine(experiment.Directory, "ladder.csv");
        File.WriteAllText(csv, "params,loss\n6304,1.1996\n14064,1.1475\n24896,1.0816\n55776,1.0439\n98944,0.9948\n");

        string[][] commands =
        [
            ["predict", "-c", experiment.SpecPath], ["report", "-c", experiment.SpecPath], ["runs", "list", "-c", experiment.SpecPath],
            ["fit", csv, "--law", "power"], ["compare", experiment.SpecPath, experiment.SpecPath],
        ];
        foreach (string[] command in commands)
        {
            var run = Tool(command);
            Assert.True(run.ExitCode is 0 or 1, string.Join(" ", command) + ":\n" + run.Output);
            Assert.False(run.Output.Contains("libtorch"), $"`{string.Join(" ", command)}` loaded libtorch");
        }
    }
}

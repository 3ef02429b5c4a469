using NanoLM.Store;

namespace NanoLM.Tests.Train;

public class TrainCommandTests
{
    [Fact]
    public void Train_runs_search_then_ladder_and_a_second_train_does_nothing()
    {
        using var experiment = new TinyExperiment();

        var first = CliRun.Of("train", "-c", experiment.SpecPath);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("5 trained, 0 already finished", first.Output);
        using (var store = RunStore.OpenExisting(experiment.StorePath))
            Assert.All(store.ListRuns(), r => Assert.Equal(RunStatus.Finished, r.Status));

        var second = CliRun.Of("train", "-c", experiment.SpecPath);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 trained, 5 already finished", second.Output);

        var predict = CliRun.Of("predict", "-c", experiment.SpecPath, "--law", "power", "--json", "--bootstrap", "50", "--target", "width=64");

        Assert.True(predict.ExitCode == 0, predict.Output + predict.Error);
        using var json = System.Text.Json.JsonDocument.Parse(predict.Output);
        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("fit_step").GetInt32());
        Assert.Equal(4, root.GetProperty("ladder").GetArrayLength());
        Assert.Equal(2, root.GetProperty("predictions").GetArrayLength());
        // Eight steps make no power law: the fit-quality gate may withhold the interval, and then says so.
        bool withheld = root.GetProperty("gate").GetProperty("interval").GetString() == "withheld";
        Assert.Equal(!withheld, root.GetProperty("predictions")[0].TryGetProperty("lower", out _));

        string reportDirectory = Path.Combine(experiment.Directory, "report");
        var report = CliRun.Of("report", "-c", experiment.SpecPath, "--out", reportDirectory);

        Assert.True(report.ExitCode == 0, report.Output + report.Error);
        string html = File.ReadAllText(Path.Combine(reportDirectory, "report.html"));
        foreach (string section in new[] { "Learning-rate search", "Ladder training curves", "Scaling fit", "Backtest", "Cost", "Environment" })
            Assert.Contains(section, html);
        Assert.Contains("oracle", html);
        Assert.True(File.Exists(Path.Combine(reportDirectory, "report.md")));
    }

    [Fact]
    public void A_spec_with_errors_lists_each_warning_once_among_them()
    {
        using var experiment = new TinyExperiment();
        File.WriteAllText(experiment.SpecPath, "name: x\nladder:\n  widths: [32, 44, 64]\n");

        var run = DotnetCli.Run(experiment.Directory, DotnetCli.BuiltTool, "train", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error NLM0301", run.Output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Output, "warning NLM0314"));
    }

    [Fact]
    public void Predict_without_a_store_says_to_train_first()
    {
        using var experiment = new TinyExperiment();

        var run = CliRun.Of("predict", "-c", experiment.SpecPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("dotnet nanolm train", run.Error);
    }

    [Fact]
    public void Predict_target_option_must_be_width_or_params()
    {
        using var experiment = new TinyExperiment();

        var run = CliRun.Of("predict", "-c", experiment.SpecPath, "--target", "depth=3");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("width=W or params=N", run.Error);
    }

    [Fact]
    public void Dry_run_prints_every_trial_and_the_proxy_cost_and_trains_nothing()
    {
        using var experiment = new TinyExperiment();

        var run = CliRun.Of("train", "-c", experiment.SpecPath, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("search", run.Output);
        Assert.Contains("ladder", run.Output);
        Assert.Contains("predicted", run.Output);
        Assert.Contains("of one training of the largest target", run.Output);
        Assert.Contains("tokens/s", run.Output);
        Assert.False(File.Exists(experiment.StorePath));
    }

    [Fact]
    public void Broken_yaml_exits_1_with_file_line_column_and_code()
    {
        using var experiment = new TinyExperiment();
        File.WriteAllText(experiment.SpecPath, "name: x\nmodel:\n  depht: 2\n");

        var run = CliRun.Of("train", "-c", experiment.SpecPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nanolm.yaml(3,3): error NLM0103", run.Error);
        Assert.Contains("depth", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Missing_spec_exits_1_and_says_how_to_make_one()
    {
        var run = CliRun.Of("train", "-c", "/nonexistent/nanolm.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("dotnet new nanolm-experiment", run.Error);
    }

    [Fact]
    public void Unknown_stage_is_a_usage_error()
    {
        var run = CliRun.Of("train", "--stage", "everything");

        Assert.Equal(2, run.ExitCode);
    }
}

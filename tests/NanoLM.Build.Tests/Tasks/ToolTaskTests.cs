using NanoLM.Build;

namespace NanoLM.Tests.Tasks;

public class ToolTaskTests
{
    [Fact]
    public void Train_passes_the_spec_store_device_and_jobs_to_the_tool()
    {
        using var tool = new FakeTool("""echo "args: $*" """);
        var engine = new FakeBuildEngine();
        var task = tool.Task<TrainExperiment>(engine);
        task.Store = tool.PathOf("elsewhere/store.db");
        task.Device = "cpu";
        task.Jobs = 2;

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.Contains(engine.Messages, m => m.Message == $"args: train -c {tool.SpecPath} --store {tool.PathOf("elsewhere/store.db")} --device cpu --jobs 2");
    }

    [Fact]
    public void Predict_asks_for_json_and_report_for_its_folder()
    {
        using var tool = new FakeTool("""echo "args: $*" >&2; [ "$1" = predict ] && echo '{}'; exit 0""");
        var engine = new FakeBuildEngine();
        var predict = tool.Task<PredictExperiment>(engine);
        predict.PredictionFile = tool.PathOf("prediction.json");
        var report = tool.Task<ReportExperiment>(engine);
        report.OutputDirectory = tool.PathOf("report");

        Assert.True(predict.Execute());
        Assert.True(report.Execute());

        Assert.Contains(engine.Messages, m => m.Message == $"args: predict -c {tool.SpecPath} --json");
        Assert.Contains(engine.Messages, m => m.Message == $"args: report -c {tool.SpecPath} --out {tool.PathOf("report")}");
    }

    [Fact]
    public void Tool_runs_in_the_experiment_folder_without_colours()
    {
        using var tool = new FakeTool("""echo "in $PWD colour ${NO_COLOR:-on}" """);
        var engine = new FakeBuildEngine();

        Assert.True(tool.Task<TrainExperiment>(engine).Execute());

        // The folder where `dotnet nanolm` finds the experiment's local tool manifest.
        Assert.Contains(engine.Messages, m => m.Message == $"in {tool.Directory} colour 1");
    }

    [Fact]
    public void Canonical_lines_become_errors_and_warnings_on_their_file_and_line()
    {
        using var tool = new FakeTool("""
            echo "$3(4,7): warning NLM0305: the widest trial needs over half of the memory" >&2
            echo "dotnet nanolm: error: no experiment store at .nanolm/store.db; run train first" >&2
            exit 1
            """);
        var engine = new FakeBuildEngine();

        Assert.False(tool.Task<TrainExperiment>(engine).Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("NLM0305", tool.SpecPath, 4, 7), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
        var error = Assert.Single(engine.Errors);
        Assert.Contains("no experiment store at .nanolm/store.db; run train first", error.Message);
    }

    [Fact]
    public void Failure_without_a_message_is_NLM0010_naming_the_command_and_the_fix()
    {
        using var tool = new FakeTool("exit 3");
        var engine = new FakeBuildEngine();

        Assert.False(tool.Task<TrainExperiment>(engine).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(BuildDiagnosticCodes.ToolFailed, error.Code);
        Assert.Contains("`dotnet nanolm train` exited with code 3", error.Message);
        Assert.Contains("dotnet tool restore", error.Message);
    }

    [Fact]
    public void Missing_tool_is_NLM0011_and_nothing_runs()
    {
        using var tool = new FakeTool("exit 0");
        var engine = new FakeBuildEngine();
        var task = tool.Task<TrainExperiment>(engine);
        task.Tool = tool.PathOf("no-such-nanolm.dll");

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(BuildDiagnosticCodes.ToolNotFound, error.Code);
        Assert.Contains("no-such-nanolm.dll", error.Message);
    }

    [Fact]
    public void Tool_repeats_no_spec_warnings_when_the_build_has_reported_them()
    {
        using var tool = new FakeTool("""echo "reported ${NANOLM_SPEC_REPORTED:-no}" """);
        var validated = new FakeBuildEngine();
        var unvalidated = new FakeBuildEngine();
        var task = tool.Task<TrainExperiment>(validated);
        task.SpecValidated = true;

        Assert.True(task.Execute());
        Assert.True(tool.Task<TrainExperiment>(unvalidated).Execute());

        Assert.Contains(validated.Messages, m => m.Message == "reported 1");
        Assert.Contains(unvalidated.Messages, m => m.Message == "reported no");
    }
}

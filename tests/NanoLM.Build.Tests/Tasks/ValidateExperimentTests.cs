using NanoLM.Build;
using NanoLM.Spec;

namespace NanoLM.Tests.Tasks;

public sealed class ValidateExperimentTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "nanolm-validate-" + Guid.NewGuid().ToString("N"));
    readonly FakeBuildEngine engine = new();

    public ValidateExperimentTests() => Directory.CreateDirectory(directory);

    string Spec(string yaml)
    {
        string path = Path.Combine(directory, "nanolm.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    ValidateExperiment Task(string spec) => new() { BuildEngine = engine, Spec = spec };

    [Fact]
    public void Valid_spec_passes_and_its_store_is_beside_it()
    {
        var task = Task(Spec("name: fine\n"));

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal(Path.Combine(directory, ".nanolm", "store.db"), task.StoreFile);
        Assert.Empty(task.DataFiles);
    }

    [Fact]
    public void Each_problem_is_an_error_with_its_code_on_its_line_and_column()
    {
        string spec = Spec("name: broken\nmodel:\n  depth: two\ntrain:\n  bacth: 16\n");

        Assert.False(Task(spec).Execute());

        Assert.Equal(
            [("NLM0201", spec, 3, 10), ("NLM0103", spec, 5, 3)],
            engine.Errors.Select(e => (e.Code, e.File, e.LineNumber, e.ColumnNumber)));
        Assert.Contains("did you mean 'batch'", engine.Errors[1].Message);
    }

    [Fact]
    public void Build_reports_exactly_what_the_validator_finds()
    {
        string spec = Spec("model: { head_dim: 8, base_width: 16 }\nsearch: { proxy_width: 16 }\nladder: { widths: [16, 20, 32, 40] }\ntrain: { steps: 10, warmup: 20 }\n");
        var expected = SpecLoader.Load(spec).Diagnostics;

        Assert.False(Task(spec).Execute());

        Assert.Equal(
            expected.Where(d => d.IsError).Select(d => (d.Code, d.Line, d.Column, d.Message)),
            engine.Errors.Select(e => (e.Code!, e.LineNumber, e.ColumnNumber, e.Message!)));
        Assert.Equal(
            expected.Where(d => !d.IsError).Select(d => (d.Code, d.Line, d.Column, d.Message)),
            engine.Warnings.Select(w => (w.Code!, w.LineNumber, w.ColumnNumber, w.Message!)));
        Assert.NotEmpty(engine.Errors);
    }

    [Fact]
    public void Warnings_alone_do_not_fail_the_build()
    {
        // A target no wider than the largest rung is an interpolation: NLM0308 warns.
        string spec = Spec("ladder: { widths: [32, 48, 64, 96] }\ntargets:\n  - width: 64\n");

        Assert.True(Task(spec).Execute());

        Assert.Empty(engine.Errors);
        Assert.Contains(engine.Warnings, w => w.Code == DiagnosticCodes.TargetInsideLadder && w.LineNumber == 3);
    }

    [Fact]
    public void A_spec_the_yaml_scanner_chokes_on_is_one_syntax_error_not_a_task_crash()
    {
        string spec = Spec("name: x\na: [b\nc: 1\n");

        Assert.False(Task(spec).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal((DiagnosticCodes.YamlSyntax, spec, 2, 4), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Contains("this '[' is never closed", error.Message);
    }

    [Fact]
    public void Missing_spec_is_NLM0100_naming_the_file()
    {
        string spec = Path.Combine(directory, "nanolm.yaml");

        Assert.False(Task(spec).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal((DiagnosticCodes.FileUnreadable, spec), (error.Code, error.File));
    }

    [Fact]
    public void Store_option_and_shard_files_are_the_inputs_of_training()
    {
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        File.WriteAllText(Path.Combine(directory, "data", "train.bin"), "t");
        File.WriteAllText(Path.Combine(directory, "data", "manifest.json"), "{}");
        var task = Task(Spec("data: { source: shards, path: data }\n"));
        task.Store = Path.Combine(directory, "runs", "store.db");

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.Equal(Path.Combine(directory, "runs", "store.db"), task.StoreFile);
        Assert.Equal(
            [Path.Combine(directory, "data", "manifest.json"), Path.Combine(directory, "data", "train.bin")],
            task.DataFiles.Select(f => f.ItemSpec));
    }

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}

using System.Text.RegularExpressions;
using NanoLM.Store;
using YamlDotNet.RepresentationModel;

namespace NanoLM.Tests.Store;

/// <summary>
/// `runs export --format mlflow` against MLflow's file store (mlflow/store/tracking/file_store.py): the layout, each
/// meta.yaml field, the metric line format and the id and name rules its validation applies.
/// </summary>
public class MlflowExportTests
{
    const string Identity = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A clock that stands still, so every timestamp the store records is known.</summary>
    sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    static string TinyStore(TemporaryStore temporary)
    {
        var options = new StoreOptions { Clock = new StillClock(Start) };
        using var store = temporary.Open(options);
        long experiment = store.EnsureExperiment("tiny");
        store.GetOrCreateRun(new RunRegistration(Identity,
            """{"model":{"depth":1,"family":"gpt","seq_len":16,"width":32},"optimizer":{"lr":0.01},"data":{"vocab_size":256}}""",
            "ladder", 32, 1, experiment));
        using (var recorder = store.OpenRecorder(Identity))
        {
            recorder.Step(new StepMetrics(1, 5.5, 0.005, 32, 1000, 0.25));
            recorder.Step(new StepMetrics(2, 5.25, 0.01, 64, 1100, 0.5));
            recorder.Evaluation(new EvaluationMetrics(2, 5.125, 64, 0, 0.5));
            recorder.Finished(RunOutcome.Finished, null);
        }
        return temporary.Path;
    }

    static string Tree(string root) => string.Concat(
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Directory.Exists(path)
                ? $"{Path.GetRelativePath(root, path)}/\n"
                : $"{Path.GetRelativePath(root, path)}:\n{File.ReadAllText(path).Replace(new Uri(root).AbsoluteUri, "file://ROOT")}\n"));

    [Fact]
    public void One_tiny_run_is_written_as_mlflow_writes_it()
    {
        using var temporary = new TemporaryStore();
        string out_ = Path.Combine(temporary.Directory, "mlruns");
        using (var store = RunStore.OpenExisting(TinyStore(temporary)))
            Assert.Equal(1, MlflowExport.Write(store, out_));

        string experiment = MlflowExport.ExperimentId("tiny");
        string run = Identity[..32];
        long ms = Start.ToUnixTimeMilliseconds();
        Assert.Equal($$"""
            .trash/
            {{experiment}}/
            {{experiment}}/{{run}}/
            {{experiment}}/{{run}}/artifacts/
            {{experiment}}/{{run}}/meta.yaml:
            artifact_uri: 'file://ROOT/{{experiment}}/{{run}}/artifacts'
            deleted_time: null
            end_time: {{ms}}
            entry_point_name: ''
            experiment_id: '{{experiment}}'
            lifecycle_stage: active
            run_id: '{{run}}'
            run_name: 'ladder w32 s1 0123456789ab'
            run_uuid: '{{run}}'
            source_name: ''
            source_type: 4
            source_version: ''
            start_time: {{ms}}
            status: 3
            tags: []
            user_id: unknown

            {{experiment}}/{{run}}/metrics/
            {{experiment}}/{{run}}/metrics/lr:
            {{ms + 250}} 0.005 1
            {{ms + 500}} 0.01 2

            {{experiment}}/{{run}}/metrics/tokens:
            {{ms + 250}} 32 1
            {{ms + 500}} 64 2

            {{experiment}}/{{run}}/metrics/tokens_per_s:
            {{ms + 250}} 1000 1
            {{ms + 500}} 1100 2

            {{experiment}}/{{run}}/metrics/train_loss:
            {{ms + 250}} 5.5 1
            {{ms + 500}} 5.25 2

            {{experiment}}/{{run}}/metrics/val_loss:
            {{ms + 500}} 5.125 2

            {{experiment}}/{{run}}/params/
            {{experiment}}/{{run}}/params/data.vocab_size:
            256
            {{experiment}}/{{run}}/params/model.depth:
            1
            {{experiment}}/{{run}}/params/model.family:
            gpt
            {{experiment}}/{{run}}/params/model.seq_len:
            16
            {{experiment}}/{{run}}/params/model.width:
            32
            {{experiment}}/{{run}}/params/optimizer.lr:
            0.01
            {{experiment}}/{{run}}/params/params:
            12480
            {{experiment}}/{{run}}/params/seed:
            1
            {{experiment}}/{{run}}/params/stage:
            ladder
            {{experiment}}/{{run}}/params/width:
            32
            {{experiment}}/{{run}}/tags/
            {{experiment}}/{{run}}/tags/mlflow.runName:
            ladder w32 s1 0123456789ab
            {{experiment}}/{{run}}/tags/mlflow.source.name:
            nanolm
            {{experiment}}/{{run}}/tags/nanolm.run_id:
            {{Identity}}
            {{experiment}}/{{run}}/tags/nanolm.status:
            finished
            {{experiment}}/meta.yaml:
            artifact_location: 'file://ROOT/{{experiment}}'
            creation_time: {{ms}}
            experiment_id: '{{experiment}}'
            last_update_time: {{ms}}
            lifecycle_stage: active
            name: 'tiny'


            """.ReplaceLineEndings("\n"), Tree(out_));
    }

    [Fact]
    public void Ids_names_yaml_and_metric_lines_pass_the_rules_mlflow_reads_them_by()
    {
        using var temporary = new TemporaryStore();
        string out_ = Path.Combine(temporary.Directory, "mlruns");
        using (var store = RunStore.OpenExisting(TinyStore(temporary))) MlflowExport.Write(store, out_);

        string experiment = Assert.Single(Directory.GetDirectories(out_), d => !d.EndsWith(".trash"));
        // Experiment ids: what MLflow draws itself (an integer); run ids: older MLflow takes only 32 hex digits.
        Assert.Matches("^[0-9]{1,18}$", Path.GetFileName(experiment));
        string run = Assert.Single(Directory.GetDirectories(experiment));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(run));
        // Parameter, metric and tag names: alphanumerics, underscores, dashes, periods, spaces and slashes.
        foreach (string folder in new[] { "params", "metrics", "tags" })
            Assert.All(Directory.GetFiles(Path.Combine(run, folder)), f => Assert.Matches(@"^[/\w.\- ]+$", Path.GetFileName(f)));
        // Metric lines: "timestamp value step", an integer, a float and an integer.
        Assert.All(Directory.GetFiles(Path.Combine(run, "metrics")).SelectMany(File.ReadAllLines), line =>
            Assert.Matches(@"^\d+ (-?[0-9.eE+\-]+|NaN|-?Infinity) \d+$", line));
        // meta.yaml is YAML whose ids are strings and whose times and status are integers.
        var meta = Yaml(Path.Combine(run, "meta.yaml"));
        Assert.Equal(Path.GetFileName(experiment), Scalar(meta, "experiment_id", quoted: true));
        Assert.Equal(Path.GetFileName(run), Scalar(meta, "run_id", quoted: true));
        Assert.Equal("3", Scalar(meta, "status", quoted: false));
        Assert.Matches("^[0-9]+$", Scalar(meta, "start_time", quoted: false));
        Assert.Equal("tiny", Scalar(Yaml(Path.Combine(experiment, "meta.yaml")), "name", quoted: true));
    }

    [Fact]
    public void Exporting_again_rewrites_the_same_folders_and_nothing_else()
    {
        using var temporary = new TemporaryStore();
        string out_ = Path.Combine(temporary.Directory, "mlruns");
        using var store = RunStore.OpenExisting(TinyStore(temporary));
        MlflowExport.Write(store, out_);
        string first = Tree(out_);

        MlflowExport.Write(store, out_);

        Assert.Equal(first, Tree(out_));
    }

    static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    static string Scalar(YamlMappingNode mapping, string key, bool quoted)
    {
        var node = (YamlScalarNode)mapping.Children[new YamlScalarNode(key)];
        Assert.Equal(quoted, node.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted);
        return node.Value!;
    }
}

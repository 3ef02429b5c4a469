using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NanoLM.Store;

/// <summary>
/// The store's runs in MLflow's file-store layout, which `mlflow ui --backend-store-uri DIR` reads: a folder per
/// experiment with its meta.yaml, and in it a folder per run with meta.yaml, params/ (a file per parameter holding its
/// value), metrics/ (a file per metric, a line per step: "timestamp value step", the timestamp in milliseconds),
/// tags/ and an empty artifacts/; beside them the .trash folder MLflow keeps deleted experiments in.
/// </summary>
/// <remarks>
/// Ids are derived, not drawn, so exporting again rewrites the same folders: an experiment's id is a number from the
/// SHA-256 of its name; a run's is the first 32 hex digits of its identity (older MLflow accepts only 32-digit hex run
/// ids), and the whole identity is the tag nanolm.run_id. Parameters are the run's stage, width and seed, its
/// non-embedding parameter count and every setting of its identity, flattened ("optimizer.lr").
/// </remarks>
public static class MlflowExport
{
    /// <summary>MLflow's run statuses as its meta.yaml stores them (RunStatus: RUNNING 1, FINISHED 3, FAILED 4, KILLED 5).</summary>
    static int Status(RunStatus status) => status switch
    {
        RunStatus.Queued or RunStatus.Running => 1,
        RunStatus.Finished => 3,
        RunStatus.Interrupted => 5,
        _ => 4,
    };

    /// <summary>MLflow's SourceType.LOCAL: what its own file store writes for every run.</summary>
    const int LocalSource = 4;

    /// <summary>Writes every run of <paramref name="runs"/> (default: all) into <paramref name="directory"/>; returns how many.</summary>
    public static int Write(RunStore store, string directory, IReadOnlyList<RunRecord>? runs = null)
    {
        string root = Path.GetFullPath(directory);
        runs ??= store.ListRuns();
        var experiments = store.Experiments();
        Directory.CreateDirectory(Path.Combine(root, ".trash"));
        foreach (var group in runs.GroupBy(r => r.ExperimentId))
        {
            var (name, created) = group.Key is { } key && experiments.TryGetValue(key, out var found)
                ? found
                : (Path.GetFileNameWithoutExtension(store.Path), group.Min(r => r.Created));
            string experimentId = ExperimentId(name);
            string experimentFolder = Path.Combine(root, experimentId);
            Directory.CreateDirectory(experimentFolder);
            long createdMs = created.ToUnixTimeMilliseconds();
            long updatedMs = group.Max(r => (r.Finished ?? r.Started ?? r.Created).ToUnixTimeMilliseconds());
            WriteYaml(Path.Combine(experimentFolder, "meta.yaml"),
            [
                ("artifact_location", Quoted(FileUri(experimentFolder))),
                ("creation_time", Integer(createdMs)),
                ("experiment_id", Quoted(experimentId)),
                ("last_update_time", Integer(Math.Max(createdMs, updatedMs))),
                ("lifecycle_stage", "active"),
                ("name", Quoted(name)),
            ]);
            foreach (var run in group) WriteRun(store, run, experimentFolder, experimentId);
        }
        return runs.Count;
    }

    /// <summary>A number of up to 18 digits from the name's SHA-256: the shape of the ids MLflow draws itself.</summary>
    public static string ExperimentId(string name)
    {
        ulong hash = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
        return (hash % 1_000_000_000_000_000_000UL).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The MLflow run id of a run: the first 32 hex digits of its identity.</summary>
    public static string RunId(string identity) => identity.Length > 32 ? identity[..32] : identity;

    static void WriteRun(RunStore store, RunRecord run, string experimentFolder, string experimentId)
    {
        string id = RunId(run.Id);
        string folder = Path.Combine(experimentFolder, id);
        // A run exported before is replaced whole: its metrics files are appended to by nobody but this export.
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(Path.Combine(folder, "artifacts"));
        string runName = $"{run.Stage} w{run.Width} s{run.Seed} {run.ShortId}";
        long start = (run.Started ?? run.Created).ToUnixTimeMilliseconds();
        WriteYaml(Path.Combine(folder, "meta.yaml"),
        [
            ("artifact_uri", Quoted(FileUri(Path.Combine(folder, "artifacts")))),
            ("deleted_time", "null"),
            ("end_time", run.Finished is { } finished ? Integer(finished.ToUnixTimeMilliseconds()) : "null"),
            ("entry_point_name", "''"),
            ("experiment_id", Quoted(experimentId)),
            ("lifecycle_stage", "active"),
            ("run_id", Quoted(id)),
            ("run_name", Quoted(runName)),
            ("run_uuid", Quoted(id)),
            ("source_name", "''"),
            ("source_type", Integer(LocalSource)),
            ("source_version", "''"),
            ("start_time", Integer(start)),
            ("status", Integer(Status(run.Status))),
            ("tags", "[]"),
            ("user_id", "unknown"),
        ]);

        var parameters = RunSettingsView.Flatten(run.Settings.Utf8.Span);
        parameters["stage"] = run.Stage;
        parameters["width"] = Integer(run.Width);
        parameters["seed"] = Integer(run.Seed);
        if (RunExport.NonEmbeddingParameters(run) is { } n) parameters["params"] = Integer(n);
        WriteFiles(Path.Combine(folder, "params"), parameters);

        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["mlflow.runName"] = runName,
            ["mlflow.source.name"] = "nanolm",
            ["nanolm.run_id"] = run.Id,
            ["nanolm.status"] = run.Status.Name(),
        };
        if (run.Reason is { } reason) tags["nanolm.reason"] = reason;
        WriteFiles(Path.Combine(folder, "tags"), tags);

        var metrics = store.Metrics(run.Id);
        string Line(MetricRow m, double value) =>
            $"{start + (long)Math.Round((m.WallSeconds ?? 0) * 1000)} {Real(value)} {m.Step.ToString(CultureInfo.InvariantCulture)}";
        var series = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, MetricRow m, double? value)
        {
            if (value is not { } v) return;
            if (!series.TryGetValue(key, out var lines)) series[key] = lines = [];
            lines.Add(Line(m, v));
        }
        foreach (var m in metrics)
        {
            Add("train_loss", m, m.TrainLoss);
            Add("val_loss", m, m.ValidationLoss);
            Add("lr", m, m.LearningRate);
            Add("tokens", m, m.Tokens);
            Add("tokens_per_s", m, m.TokensPerSecond);
        }
        Directory.CreateDirectory(Path.Combine(folder, "metrics"));
        foreach (var (key, lines) in series)
            File.WriteAllText(Path.Combine(folder, "metrics", key), string.Concat(lines.Select(l => l + "\n")));
    }

    // MLflow reads a parameter's or tag's file whole as its value: no trailing newline.
    static void WriteFiles(string folder, IEnumerable<KeyValuePair<string, string>> values)
    {
        Directory.CreateDirectory(folder);
        foreach (var (key, value) in values) File.WriteAllText(Path.Combine(folder, key), value);
    }

    // Keys in the order MLflow's yaml.safe_dump writes them (sorted), one "key: value" per line.
    static void WriteYaml(string path, IReadOnlyList<(string Key, string Value)> fields) =>
        File.WriteAllText(path, string.Concat(fields.Select(f => $"{f.Key}: {f.Value}\n")));

    static string Quoted(string value) => "'" + value.Replace("'", "''") + "'";

    static string FileUri(string path) => new Uri(path).AbsoluteUri;

    static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Python's float() reads "NaN", "Infinity" and "-Infinity" as .NET writes them.
    static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

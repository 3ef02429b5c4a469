using Microsoft.Data.Sqlite;

namespace NanoLM.Store;

/// <summary>
/// An experiment's SQLite store: experiments, runs (keyed by identity hash), metrics, events and artifacts. One instance
/// holds one connection and is not thread-safe; open one per thread or process. Readers never block the writer (WAL).
/// </summary>
public sealed partial class RunStore : IDisposable
{
    const string RunColumns = """
        id, experiment_id, settings, status, stage, width, seed, pid, pid_started_at, host, heartbeat_at, created_at,
        started_at, finished_at, reason, checkpoint_step, checkpoint_path, final_step, tokens, wall_s, best_val_loss, final_val_loss
        """;

    readonly SqliteConnection connection;

    public string Path { get; }
    public StoreOptions Options { get; }

    RunStore(string path, SqliteConnection connection, StoreOptions options)
    {
        Path = path;
        this.connection = connection;
        Options = options;
    }

    /// <summary>
    /// Opens the store at <paramref name="path"/> for writing, creating the file and its folder and migrating the schema
    /// as needed. A file that is not a store, or a store that cannot be written, is a <see cref="UserError"/> naming it.
    /// </summary>
    public static RunStore Open(string path, StoreOptions? options = null)
    {
        string full = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot create the folder of the run store {full}: {e.Message}; pass --store with a path you can write");
        }
        return Opened(full, options, () =>
        {
            var connection = StoreConnection.Open(full);
            try
            {
                StoreSchema.Migrate(connection);
                // SQLite opens a file it may not write read-only without complaint; find out now, not at the first write.
                if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
                    throw new SqliteException("attempt to write a readonly database", SQLitePCL.raw.SQLITE_READONLY);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        });
    }

    /// <summary>
    /// Opens a store that must already exist, read-only, for commands that only read: nothing is migrated or written, so
    /// a store on read-only media or in someone else's folder can be listed, predicted from and reported on. A missing
    /// file is a <see cref="UserError"/>; a store an older nanolm wrote is upgraded first when it can be written.
    /// </summary>
    public static RunStore OpenExisting(string path, StoreOptions? options = null)
    {
        if (!File.Exists(path))
            throw new UserError($"no run store at {path}; run `dotnet nanolm train` first, or point at one with --store or {StoreLocation.EnvironmentVariable}");
        string full = System.IO.Path.GetFullPath(path);
        var store = Opened(full, options, () => ReadOnlyConnection(full));
        if (store.SchemaVersion == StoreSchema.LatestVersion) return store;
        // An older nanolm's store, or one `train` is creating right now: bring it to the latest schema (waiting for a
        // trainer's migration, or doing it, which needs the store writable), then read it like any other.
        store.Dispose();
        Open(full, options).Dispose();
        return Opened(full, options, () => ReadOnlyConnection(full));
    }

    static SqliteConnection ReadOnlyConnection(string full)
    {
        var connection = StoreConnection.Open(full, readOnly: true);
        try
        {
            StoreSchema.EnsureReadable(connection, full);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    static RunStore Opened(string full, StoreOptions? options, Func<SqliteConnection> open)
    {
        try
        {
            return new RunStore(full, open(), options ?? new StoreOptions());
        }
        catch (SqliteException e) when (StoreProblem(e, full) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>The user's mistake behind an SQLite error when opening a store, or null for anything else.</summary>
    public static UserError? StoreProblem(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_NOTADB => new UserError($"{path} is not a nanolm run store (not an SQLite database); pass the store.db that `dotnet nanolm train` wrote (.nanolm/store.db beside nanolm.yaml), or a new path for train to create"),
        SQLitePCL.raw.SQLITE_READONLY => new UserError($"cannot write the run store {path}: the file or its folder is read-only; make them writable, or pass --store with a path you can write (commands that only read, such as runs list and predict, work on it as it is)"),
        SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_AUTH => new UserError($"cannot open the run store {path}: {e.Message.Replace("SQLite Error ", "SQLite error ")}; check that the file and its folder can be read (and written, for train)"),
        _ => null,
    };

    public int SchemaVersion => StoreSchema.CurrentVersion(connection);

    internal SqliteConnection Connection => connection;

    /// <summary>Every experiment the store holds, by id, with its name and when it was first recorded.</summary>
    public IReadOnlyDictionary<long, (string Name, DateTimeOffset Created)> Experiments()
    {
        var experiments = new Dictionary<long, (string, DateTimeOffset)>();
        using var command = Command("SELECT id, name, created_at FROM experiments");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            experiments[reader.GetInt64(0)] = (reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        return experiments;
    }

    public long EnsureExperiment(string name, string? specPath = null)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insert = Command("INSERT INTO experiments(name, spec_path, created_at) VALUES ($name, $spec, $now) ON CONFLICT(name) DO NOTHING", transaction);
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$spec", (object?)specPath ?? DBNull.Value);
        insert.Parameters.AddWithValue("$now", Now());
        insert.ExecuteNonQuery();
        using var select = Command("SELECT id FROM experiments WHERE name = $name", transaction);
        select.Parameters.AddWithValue("$name", name);
        long id = (long)select.ExecuteScalar()!;
        transaction.Commit();
        return id;
    }

    /// <summary>The run with this identity, created as `queued` if new. Same settings, same run: this is what makes `train` idempotent.</summary>
    public RunRecord GetOrCreateRun(RunRegistration run)
    {
        using (var insert = Command("""
            INSERT INTO runs(id, experiment_id, settings, status, stage, width, seed, created_at)
            VALUES ($id, $experiment, $settings, 'queued', $stage, $width, $seed, $now)
            ON CONFLICT(id) DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue("$id", run.Id);
            insert.Parameters.AddWithValue("$experiment", (object?)run.ExperimentId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$settings", run.SettingsJson);
            insert.Parameters.AddWithValue("$stage", run.Stage);
            insert.Parameters.AddWithValue("$width", run.Width);
            insert.Parameters.AddWithValue("$seed", run.Seed);
            insert.Parameters.AddWithValue("$now", Now());
            insert.ExecuteNonQuery();
        }
        return FindRun(run.Id)!;
    }

    public RunRecord? FindRun(string id) => QueryRuns("WHERE id = $key", id).FirstOrDefault();

    // Runs created in the same millisecond keep the order they were registered in.
    public IReadOnlyList<RunRecord> ListRuns() => QueryRuns("ORDER BY created_at, rowid", null);

    /// <summary>
    /// The run a user means by <paramref name="idOrPrefix"/> (a full id or a unique prefix, such as the 12 characters
    /// `runs list` shows); otherwise a <see cref="UserError"/> naming the close ids.
    /// </summary>
    public RunRecord ResolveRun(string idOrPrefix)
    {
        string key = idOrPrefix.Trim().ToLowerInvariant();
        var matches = key.Length == 0 ? [] : QueryRuns("WHERE id >= $key AND id < $key || '~' ORDER BY id LIMIT 6", key);
        if (matches.Count == 1) return matches[0];
        if (matches.Count > 1)
            throw new UserError($"run id '{idOrPrefix}' is ambiguous; it starts {string.Join(", ", matches.Take(5).Select(r => r.ShortId))}; give more characters");
        var close = Spec.EditDistance.Suggestions(key, ShortIds(key.Length), limit: 3);
        string hint = close.Count > 0 ? $"; did you mean {string.Join(" or ", close)}?" : "; `dotnet nanolm runs list` shows the ids";
        throw new UserError($"no run '{idOrPrefix}' in {Path}{hint}");
    }

    public bool IsFinished(string id) => FindRun(id)?.StoredStatus == RunStatus.Finished;

    /// <summary>Finished or diverged: training it again with the same settings would give the same result, so `train` skips it.</summary>
    public bool IsSettled(string id) => FindRun(id)?.StoredStatus is RunStatus.Finished or RunStatus.Diverged;

    public CheckpointInfo? LastCheckpoint(string id)
    {
        using var command = Command("SELECT step, path FROM artifacts WHERE run_id = $id AND kind = 'checkpoint' ORDER BY step DESC, id DESC LIMIT 1");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new CheckpointInfo(reader.GetInt32(0), reader.GetString(1)) : null;
    }

    /// <summary>Final validation loss of every finished run (NaN for diverged ones), keyed by id: the input of <c>PlanBuilder</c>.</summary>
    public IReadOnlyDictionary<string, double> CompletedValidationLosses()
    {
        var losses = new Dictionary<string, double>(StringComparer.Ordinal);
        using var command = Command("SELECT id, status, final_val_loss FROM runs WHERE status IN ('finished', 'diverged')");
        using var reader = command.ExecuteReader();
        while (reader.Read())
            losses[reader.GetString(0)] = reader.GetString(1) == "finished" && !reader.IsDBNull(2) ? reader.GetDouble(2) : double.NaN;
        return losses;
    }

    public IReadOnlyList<MetricRow> Metrics(string id)
    {
        using var command = Command("""
            SELECT step, train_loss, val_loss, lr, tokens, tokens_per_s, wall_s, peak_memory_bytes
            FROM metrics WHERE run_id = $id ORDER BY step
            """);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var rows = new List<MetricRow>();
        while (reader.Read())
            rows.Add(new MetricRow(reader.GetInt32(0), NullableDouble(reader, 1), NullableDouble(reader, 2), NullableDouble(reader, 3),
                NullableLong(reader, 4), NullableDouble(reader, 5), NullableDouble(reader, 6), NullableLong(reader, 7)));
        return rows;
    }

    public IReadOnlyList<RunEvent> Events(string id)
    {
        using var command = Command("SELECT at, kind, message FROM events WHERE run_id = $id ORDER BY id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var events = new List<RunEvent>();
        while (reader.Read()) events.Add(new RunEvent(FromUnixMs(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2)));
        return events;
    }

    public IReadOnlyList<RunArtifact> Artifacts(string id)
    {
        using var command = Command("SELECT kind, step, path, created_at FROM artifacts WHERE run_id = $id ORDER BY id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var artifacts = new List<RunArtifact>();
        while (reader.Read())
            artifacts.Add(new RunArtifact(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), FromUnixMs(reader.GetInt64(3))));
        return artifacts;
    }

    public void AddArtifact(string id, string kind, int? step, string path)
    {
        using var command = Command("INSERT INTO artifacts(run_id, kind, step, path, created_at) VALUES ($id, $kind, $step, $path, $now)");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$step", (object?)step ?? DBNull.Value);
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$now", Now());
        command.ExecuteNonQuery();
    }

    /// <summary>A recorder for one run on its own connection: marks it running under this process and records what the trainer reports.</summary>
    public StoreRecorder OpenRecorder(string runId, int flushEvery = StoreRecorder.DefaultFlushEvery) =>
        new(Path, runId, flushEvery, Options);

    /// <summary>Sets the stored status of a run outside a recorder (e.g. `train` re-queues an interrupted run).</summary>
    public void SetStatus(string id, RunStatus status, string? reason = null)
    {
        if (status == RunStatus.Crashed) throw new ArgumentException("crashed is computed on read, never stored", nameof(status));
        using var command = Command("UPDATE runs SET status = $status, reason = $reason WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$status", status.Name());
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        if (command.ExecuteNonQuery() == 0) throw new ArgumentException($"no run {id} in the store", nameof(id));
    }

    public void Dispose() => connection.Dispose();

    IReadOnlyList<string> ShortIds(int length)
    {
        int cut = Math.Clamp(length, 4, 64);
        using var command = Command($"SELECT substr(id, 1, {cut}) FROM runs");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    List<RunRecord> QueryRuns(string tail, string? key)
    {
        using var command = Command($"SELECT {RunColumns} FROM runs {tail}");
        if (key is not null) command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        long now = Now();
        var runs = new List<RunRecord>();
        while (reader.Read()) runs.Add(ReadRun(reader, now));
        return runs;
    }

    RunRecord ReadRun(SqliteDataReader r, long now)
    {
        var stored = RunStatusNames.Parse(r.GetString(3));
        int? pid = r.IsDBNull(7) ? null : r.GetInt32(7);
        long? pidStartedAt = NullableLong(r, 8);
        string? host = r.IsDBNull(9) ? null : r.GetString(9);
        long? heartbeat = NullableLong(r, 10);
        bool stale = heartbeat is null || now - heartbeat.Value > (long)Options.StaleAfter.TotalMilliseconds;
        var status = stored == RunStatus.Running && stale && ProcessLiveness.IsGone(pid, pidStartedAt, host) ? RunStatus.Crashed : stored;
        return new RunRecord
        {
            Id = r.GetString(0),
            ExperimentId = NullableLong(r, 1),
            Settings = new StoredSettings(r.GetFieldValue<byte[]>(2)),
            StoredStatus = stored,
            Status = status,
            Stage = r.GetString(4),
            Width = r.GetInt32(5),
            Seed = r.GetInt32(6),
            Pid = pid,
            Host = host,
            Heartbeat = heartbeat is { } h ? FromUnixMs(h) : null,
            Created = FromUnixMs(r.GetInt64(11)),
            Started = NullableLong(r, 12) is { } s ? FromUnixMs(s) : null,
            Finished = NullableLong(r, 13) is { } f ? FromUnixMs(f) : null,
            Reason = r.IsDBNull(14) ? null : r.GetString(14),
            CheckpointStep = r.IsDBNull(15) ? null : r.GetInt32(15),
            CheckpointPath = r.IsDBNull(16) ? null : r.GetString(16),
            FinalStep = r.IsDBNull(17) ? null : r.GetInt32(17),
            Tokens = NullableLong(r, 18),
            WallSeconds = NullableDouble(r, 19),
            BestValidationLoss = NullableDouble(r, 20),
            FinalValidationLoss = NullableDouble(r, 21),
        };
    }

    SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    long Now() => Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    internal static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
    static long? NullableLong(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}

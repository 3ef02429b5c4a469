using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NanoLM.Store;

/// <summary>
/// The store's <see cref="ITrainingRecorder"/>: claims a run for this process, buffers what the trainer reports and
/// writes it in one transaction every <c>flushEvery</c> steps (or 10 s, or on Flush/Checkpoint/Finished), refreshing
/// the heartbeat each time. A process killed between flushes loses only the unflushed steps.
/// </summary>
public sealed class StoreRecorder : ITrainingRecorder, IDisposable
{
    public const int DefaultFlushEvery = 50;
    static readonly TimeSpan MaxFlushDelay = TimeSpan.FromSeconds(10);

    readonly SqliteConnection connection;
    readonly string runId;
    readonly int flushEvery;
    readonly StoreOptions options;
    readonly List<StepMetrics> steps = [];
    readonly List<EvaluationMetrics> evaluations = [];
    readonly List<(long At, string Kind, string Message)> events = [];
    readonly List<(int Step, string Path)> checkpoints = [];
    sqlite3_stmt? stepUpsert;
    readonly Dictionary<SummaryParts, SqliteCommand> summaryUpdates = [];
    long lastFlush;
    bool finished;

    public string RunId => runId;

    internal StoreRecorder(string storePath, string runId, int flushEvery, StoreOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(flushEvery, 1);
        this.runId = runId;
        this.flushEvery = flushEvery;
        this.options = options;
        connection = StoreConnection.Open(storePath);
        try
        {
            Claim(Environment.ProcessId);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Step(StepMetrics metrics)
    {
        EnsureOpen();
        steps.Add(metrics);
        if (steps.Count >= flushEvery || Now() - lastFlush >= (long)MaxFlushDelay.TotalMilliseconds) Flush();
    }

    public void Evaluation(EvaluationMetrics metrics)
    {
        EnsureOpen();
        evaluations.Add(metrics);
    }

    public void Checkpoint(int step, string path)
    {
        EnsureOpen();
        checkpoints.Add((step, path));
        events.Add((Now(), "checkpoint", $"step {step}: {path}"));
        // The checkpoint row and the metrics up to it become durable together, so a resume never lacks its history.
        Flush();
    }

    public void Event(string kind, string message)
    {
        EnsureOpen();
        events.Add((Now(), kind, message));
    }

    public void Finished(RunOutcome outcome, string? reason)
    {
        EnsureOpen();
        var status = outcome switch
        {
            RunOutcome.Finished => RunStatus.Finished,
            RunOutcome.Interrupted => RunStatus.Interrupted,
            RunOutcome.Diverged => RunStatus.Diverged,
            _ => RunStatus.Failed,
        };
        events.Add((Now(), status.Name(), reason ?? status.Name()));
        Write(status, reason);
        finished = true;
    }

    public void Flush()
    {
        // Finished already wrote everything; trainers flush once more at the end, which is harmless.
        if (finished) return;
        EnsureOpen();
        Write(null, null);
    }

    /// <summary>Flushes; a run that never reported an outcome is marked interrupted, so it does not read as running forever.</summary>
    public void Dispose()
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            if (!finished) Finished(RunOutcome.Interrupted, "the recorder was closed before the run reported an outcome");
        }
        finally
        {
            // Finalized before the connection closes, or SQLite would keep the database open for it.
            stepUpsert?.Dispose();
            foreach (var update in summaryUpdates.Values) update.Dispose();
            connection.Dispose();
        }
    }

    void Claim(int pid)
    {
        long now = Now();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var select = Command("SELECT started_at, status, pid, pid_started_at, host, heartbeat_at FROM runs WHERE id = $id", transaction);
        select.Parameters.AddWithValue("$id", runId);
        object? startedAt;
        using (var reader = select.ExecuteReader())
        {
            if (!reader.Read())
                throw new ArgumentException($"no run {runId} in the store; register it with RunStore.GetOrCreateRun first", nameof(runId));
            startedAt = reader.GetValue(0);
            var status = RunStatusNames.Parse(reader.GetString(1));
            // The claim is taken in this write transaction, so of two trainers reaching one run at once, one holds it.
            if (status is RunStatus.Finished or RunStatus.Diverged)
                throw new RunAlreadySettledException(runId, status.Name());
            if (status == RunStatus.Running && !reader.IsDBNull(2) && reader.GetInt32(2) is int holder && holder != pid
                && HolderIsAlive(holder, reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                                 reader.IsDBNull(5) ? null : reader.GetInt64(5), now))
                throw new RunClaimedException(runId, holder, reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        using var update = Command("""
            UPDATE runs SET status = 'running', pid = $pid, pid_started_at = $pid_started_at, host = $host, heartbeat_at = $now,
                started_at = COALESCE(started_at, $now), finished_at = NULL, reason = NULL
            WHERE id = $id
            """, transaction);
        update.Parameters.AddWithValue("$id", runId);
        update.Parameters.AddWithValue("$pid", pid);
        update.Parameters.AddWithValue("$pid_started_at", (object?)ProcessLiveness.StartTime(pid) ?? DBNull.Value);
        update.Parameters.AddWithValue("$host", ProcessLiveness.Host);
        update.Parameters.AddWithValue("$now", now);
        update.ExecuteNonQuery();
        bool resumed = startedAt is not DBNull;
        InsertEvent(transaction, now, resumed ? "resumed" : "started", RunRecord.DescribeHolder(pid, ProcessLiveness.Host));
        transaction.Commit();
        lastFlush = now;
    }

    // On this host the process table says whether the holder lives; another host's holder lives while its heartbeat does.
    bool HolderIsAlive(int holder, long? holderStartedAt, string? host, long? heartbeat, long now) =>
        host is null || host == ProcessLiveness.Host
            ? !ProcessLiveness.IsGone(holder, holderStartedAt, host)
            : heartbeat is { } beat && now - beat <= (long)options.StaleAfter.TotalMilliseconds;

    void Write(RunStatus? finalStatus, string? reason)
    {
        long now = Now();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (steps.Count > 0) WriteSteps();
        foreach (var e in evaluations)
        {
            using var upsert = Command("""
                INSERT INTO metrics(run_id, step, val_loss, tokens, wall_s, peak_memory_bytes)
                VALUES ($id, $step, $loss, $tokens, $wall, $memory)
                ON CONFLICT(run_id, step) DO UPDATE SET val_loss = excluded.val_loss, peak_memory_bytes = excluded.peak_memory_bytes,
                    tokens = COALESCE(metrics.tokens, excluded.tokens), wall_s = COALESCE(metrics.wall_s, excluded.wall_s)
                """, transaction);
            upsert.Parameters.AddWithValue("$id", runId);
            upsert.Parameters.AddWithValue("$step", e.Step);
            upsert.Parameters.AddWithValue("$loss", Real(e.ValidationLoss));
            upsert.Parameters.AddWithValue("$tokens", e.Tokens);
            upsert.Parameters.AddWithValue("$wall", Real(e.WallSeconds));
            upsert.Parameters.AddWithValue("$memory", e.PeakMemoryBytes);
            upsert.ExecuteNonQuery();
        }
        foreach (var (step, path) in checkpoints)
        {
            using var artifact = Command("INSERT INTO artifacts(run_id, kind, step, path, created_at) VALUES ($id, 'checkpoint', $step, $path, $now)", transaction);
            artifact.Parameters.AddWithValue("$id", runId);
            artifact.Parameters.AddWithValue("$step", step);
            artifact.Parameters.AddWithValue("$path", path);
            artifact.Parameters.AddWithValue("$now", now);
            artifact.ExecuteNonQuery();
        }
        foreach (var (at, kind, message) in events) InsertEvent(transaction, at, kind, message);

        var parts = (evaluations.Count > 0 ? SummaryParts.Validation : 0) | (checkpoints.Count > 0 ? SummaryParts.Checkpoint : 0)
            | (finalStatus is not null ? SummaryParts.Outcome : 0);
        var update = SummaryUpdate(parts);
        update.Transaction = transaction;
        update.Parameters["$now"].Value = now;
        if (checkpoints.Count > 0)
        {
            var last = checkpoints.MaxBy(c => c.Step);
            update.Parameters["$checkpoint_step"].Value = last.Step;
            update.Parameters["$checkpoint_path"].Value = last.Path;
        }
        if (finalStatus is { } status)
        {
            update.Parameters["$status"].Value = status.Name();
            update.Parameters["$reason"].Value = (object?)reason ?? DBNull.Value;
        }
        update.ExecuteNonQuery();
        transaction.Commit();
        steps.Clear();
        evaluations.Clear();
        events.Clear();
        checkpoints.Clear();
        lastFlush = now;
    }

    // Steps are most of what a run writes, and for rows this short ADO.NET's work per execution (a reader, parameters
    // bound by name) costs more than SQLite's insert: one statement, prepared once per recorder, is bound by position
    // through SQLitePCL. It runs in the connection's open transaction like any command (bench/store measures the rate).
    void WriteSteps()
    {
        var db = connection.Handle!;
        if (stepUpsert is null)
        {
            Check(raw.sqlite3_prepare_v2(db, """
                INSERT INTO metrics(run_id, step, train_loss, lr, tokens, tokens_per_s, wall_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT(run_id, step) DO UPDATE SET train_loss = excluded.train_loss, lr = excluded.lr,
                    tokens = excluded.tokens, tokens_per_s = excluded.tokens_per_s, wall_s = excluded.wall_s
                """, out var prepared), db);
            stepUpsert = prepared;
            Check(raw.sqlite3_bind_text(stepUpsert, 1, runId), db);
        }
        foreach (var m in steps)
        {
            raw.sqlite3_bind_int(stepUpsert, 2, m.Step);
            raw.sqlite3_bind_double(stepUpsert, 3, Real(m.TrainLoss));
            raw.sqlite3_bind_double(stepUpsert, 4, Real(m.LearningRate));
            raw.sqlite3_bind_int64(stepUpsert, 5, m.Tokens);
            raw.sqlite3_bind_double(stepUpsert, 6, Real(m.TokensPerSecond));
            raw.sqlite3_bind_double(stepUpsert, 7, Real(m.WallSeconds));
            int done = raw.sqlite3_step(stepUpsert);
            raw.sqlite3_reset(stepUpsert);
            if (done != raw.SQLITE_DONE) Check(done, db);
        }
    }

    static void Check(int code, sqlite3 db)
    {
        if (code != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(code, db);
    }

    [Flags]
    enum SummaryParts { Validation = 1, Checkpoint = 2, Outcome = 4 }

    // The run's summary row follows every flush. Most flushes carry steps alone, so each shape of the update is
    // prepared once per recorder rather than parsed again each time (bench/store measures the rate).
    SqliteCommand SummaryUpdate(SummaryParts parts)
    {
        if (summaryUpdates.TryGetValue(parts, out var cached)) return cached;
        var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE runs SET heartbeat_at = $now,
                final_step = (SELECT MAX(step) FROM metrics WHERE run_id = $id),
                tokens = (SELECT tokens FROM metrics WHERE run_id = $id AND tokens IS NOT NULL ORDER BY step DESC LIMIT 1),
                wall_s = (SELECT wall_s FROM metrics WHERE run_id = $id AND wall_s IS NOT NULL ORDER BY step DESC LIMIT 1)
                {(parts.HasFlag(SummaryParts.Validation) ? """
                    , best_val_loss = (SELECT MIN(val_loss) FROM metrics WHERE run_id = $id)
                    , final_val_loss = (SELECT val_loss FROM metrics WHERE run_id = $id AND val_loss IS NOT NULL ORDER BY step DESC LIMIT 1)
                    """ : "")}
                {(parts.HasFlag(SummaryParts.Checkpoint) ? ", checkpoint_step = $checkpoint_step, checkpoint_path = $checkpoint_path" : "")}
                {(parts.HasFlag(SummaryParts.Outcome) ? ", status = $status, reason = $reason, finished_at = $now" : "")}
            WHERE id = $id
            """;
        update.Parameters.AddWithValue("$id", runId);
        update.Parameters.Add(new SqliteParameter { ParameterName = "$now" });
        if (parts.HasFlag(SummaryParts.Checkpoint))
            foreach (string name in new[] { "$checkpoint_step", "$checkpoint_path" }) update.Parameters.Add(new SqliteParameter { ParameterName = name });
        if (parts.HasFlag(SummaryParts.Outcome))
            foreach (string name in new[] { "$status", "$reason" }) update.Parameters.Add(new SqliteParameter { ParameterName = name });
        summaryUpdates[parts] = update;
        return update;
    }

    void InsertEvent(SqliteTransaction transaction, long at, string kind, string message)
    {
        using var insert = Command("INSERT INTO events(run_id, at, kind, message) VALUES ($id, $at, $kind, $message)", transaction);
        insert.Parameters.AddWithValue("$id", runId);
        insert.Parameters.AddWithValue("$at", at);
        insert.Parameters.AddWithValue("$kind", kind);
        insert.Parameters.AddWithValue("$message", message);
        insert.ExecuteNonQuery();
    }

    void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(connection.State != System.Data.ConnectionState.Open, this);
        if (finished) throw new InvalidOperationException($"run {runId} already reported its outcome");
    }

    SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    // SQLite stores NaN as NULL; a diverged loss is kept as +∞ so it still sorts last and reads back as a number.
    static double Real(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;

    long Now() => options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
}

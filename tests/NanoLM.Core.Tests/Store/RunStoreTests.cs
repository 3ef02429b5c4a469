using Microsoft.Data.Sqlite;
using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Tests.Store;

public class RunStoreTests : IDisposable
{
    readonly TemporaryStore temporary = new();

    public void Dispose() => temporary.Dispose();

    static RunRegistration Registration(string id, int width = 64, string stage = "ladder") =>
        new(id, $"{{\"model\":{{\"width\":{width}}}}}", stage, width, 0);

    static long Count(RunStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void Migrations_bring_an_empty_file_to_the_latest_schema()
    {
        using var store = temporary.Open();
        Assert.Equal(StoreSchemaVersion, store.SchemaVersion);
        Assert.Equal(5, Count(store, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('experiments', 'runs', 'metrics', 'events', 'artifacts')"));
        Assert.Equal(4, Count(store, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"));
        using var mode = store.Connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)mode.ExecuteScalar()!);
    }

    [Fact]
    public void Reopening_a_store_keeps_its_runs_and_schema()
    {
        using (var store = temporary.Open()) store.GetOrCreateRun(Registration("aa11"));
        using var again = temporary.Open();
        Assert.Equal(StoreSchemaVersion, again.SchemaVersion);
        Assert.Single(again.ListRuns());
    }

    [Fact]
    public void Get_or_create_returns_the_same_queued_run_for_the_same_identity()
    {
        using var store = temporary.Open();
        long experiment = store.EnsureExperiment("tiny");
        Assert.Equal(experiment, store.EnsureExperiment("tiny"));
        var spec = new ExperimentSpec();
        var trial = PlanBuilder.Build(spec with { Search = spec.Search with { Enabled = false } }).LadderTrials.First();
        var first = store.GetOrCreateRun(RunRegistration.From(trial, experiment));
        var second = store.GetOrCreateRun(RunRegistration.From(trial, experiment));
        Assert.Equal(trial.Identity.Hash, first.Id);
        Assert.Equal(first, second);
        Assert.Equal(RunStatus.Queued, first.Status);
        Assert.Equal(trial.Settings.ToCanonicalJson(), first.SettingsJson);
        Assert.Single(store.ListRuns());
    }

    [Fact]
    public void Recorder_writes_steps_evaluations_checkpoints_and_the_outcome()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("run1"));
        using (var recorder = store.OpenRecorder("run1", flushEvery: 10))
        {
            Assert.Equal(RunStatus.Running, store.FindRun("run1")!.Status);
            for (int step = 1; step <= 25; step++)
                recorder.Step(new StepMetrics(step, 4.0 - step * 0.01, 0.01, step * 100L, 5000, step * 0.5));
            Assert.Equal(20, store.Metrics("run1").Count);
            recorder.Evaluation(new EvaluationMetrics(20, 3.5, 2000, 1 << 20, 10));
            recorder.Evaluation(new EvaluationMetrics(25, 3.6, 2500, 1 << 20, 12.5));
            recorder.Checkpoint(25, "/ckpt/run1/25.pt");
            recorder.Event("note", "hello");
            recorder.Finished(RunOutcome.Finished, null);
        }
        var run = store.FindRun("run1")!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal((3.5, 3.6, 25, 2500L, 12.5), (run.BestValidationLoss, run.FinalValidationLoss, run.FinalStep, run.Tokens, run.WallSeconds));
        Assert.True(store.IsFinished("run1"));
        Assert.Equal(new CheckpointInfo(25, "/ckpt/run1/25.pt"), store.LastCheckpoint("run1"));
        Assert.Equal(25, store.Metrics("run1").Count);
        Assert.Equal(3.5, store.Metrics("run1").Single(m => m.Step == 20).ValidationLoss);
        Assert.Equal(["started", "checkpoint", "note", "finished"], store.Events("run1").Select(e => e.Kind));
        Assert.Equal(3.6, store.CompletedValidationLosses()["run1"]);
    }

    [Fact]
    public void A_flush_larger_than_one_statement_keeps_every_step_and_the_last_report_of_a_repeated_one()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("run1"));
        using (var recorder = store.OpenRecorder("run1", flushEvery: 1000))
        {
            // 150 steps in one flush span three multi-row statements; step 70 is reported again in the last one.
            for (int step = 1; step <= 150; step++)
                recorder.Step(new StepMetrics(step, 4.0 - step * 0.001, 0.01, step * 10L, 100, step * 0.1));
            recorder.Step(new StepMetrics(70, 1.25, 0.02, 700, 100, 7));
            recorder.Finished(RunOutcome.Finished, null);
        }
        var metrics = store.Metrics("run1");
        Assert.Equal(Enumerable.Range(1, 150), metrics.Select(m => m.Step));
        Assert.Equal((1.25, 0.02), (metrics.Single(m => m.Step == 70).TrainLoss, metrics.Single(m => m.Step == 70).LearningRate));
        Assert.Equal((4.0 - 150 * 0.001, 1500L, 15.0), (metrics[^1].TrainLoss!.Value, metrics[^1].Tokens!.Value, metrics[^1].WallSeconds!.Value));
        Assert.Equal((150, 1500L), (store.FindRun("run1")!.FinalStep, store.FindRun("run1")!.Tokens));
    }

    [Fact]
    public void Resuming_a_run_records_a_resume_and_overwrites_replayed_steps()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("run1"));
        using (var first = store.OpenRecorder("run1", flushEvery: 5))
        {
            for (int step = 1; step <= 10; step++) first.Step(new StepMetrics(step, 9, 0.01, step, 1, step));
            first.Checkpoint(5, "c5");
            first.Finished(RunOutcome.Interrupted, "stopped");
        }
        Assert.Equal(RunStatus.Interrupted, store.FindRun("run1")!.Status);
        using (var second = store.OpenRecorder("run1", flushEvery: 5))
        {
            for (int step = 6; step <= 12; step++) second.Step(new StepMetrics(step, 1, 0.01, step, 1, step));
            second.Finished(RunOutcome.Finished, null);
        }
        var metrics = store.Metrics("run1");
        Assert.Equal(Enumerable.Range(1, 12), metrics.Select(m => m.Step));
        Assert.Equal(1.0, metrics.Single(m => m.Step == 8).TrainLoss);
        Assert.Contains(store.Events("run1"), e => e.Kind == "resumed");
    }

    [Fact]
    public void Disposing_a_recorder_without_an_outcome_marks_the_run_interrupted()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("run1"));
        using (var recorder = store.OpenRecorder("run1")) recorder.Step(new StepMetrics(1, 5, 0.01, 10, 1, 1));
        var run = store.FindRun("run1")!;
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Single(store.Metrics("run1"));
    }

    [Fact]
    public void Diverged_losses_are_kept_as_infinity_and_a_diverged_run_reads_as_nan_for_the_search()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("run1"));
        using (var recorder = store.OpenRecorder("run1"))
        {
            recorder.Step(new StepMetrics(1, double.NaN, 0.01, 10, 1, 1));
            recorder.Finished(RunOutcome.Diverged, "loss is NaN at step 1");
        }
        Assert.Equal(double.PositiveInfinity, store.Metrics("run1").Single().TrainLoss);
        Assert.True(double.IsNaN(store.CompletedValidationLosses()["run1"]));
        Assert.False(store.IsFinished("run1"));
        Assert.True(store.IsSettled("run1"));
    }

    [Fact]
    public void A_running_run_with_a_dead_pid_and_a_stale_heartbeat_reads_as_crashed()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("dead"));
        store.GetOrCreateRun(Registration("alive"));
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        long staleHeartbeat = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        using var update = store.Connection.CreateCommand();
        update.CommandText = """
            UPDATE runs SET status = 'running', heartbeat_at = $stale, host = $host,
                pid = CASE id WHEN 'dead' THEN $dead ELSE $self END,
                pid_started_at = CASE id WHEN 'dead' THEN NULL ELSE $self_started END
            """;
        update.Parameters.AddWithValue("$stale", staleHeartbeat);
        update.Parameters.AddWithValue("$host", Environment.MachineName);
        update.Parameters.AddWithValue("$dead", gone.Id);
        update.Parameters.AddWithValue("$self", Environment.ProcessId);
        update.Parameters.AddWithValue("$self_started", new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
        update.ExecuteNonQuery();

        var dead = store.FindRun("dead")!;
        Assert.Equal((RunStatus.Running, RunStatus.Crashed), (dead.StoredStatus, dead.Status));
        Assert.Equal(RunStatus.Running, store.FindRun("alive")!.Status);
    }

    [Fact]
    public void A_running_run_with_a_fresh_heartbeat_is_running_even_if_its_process_is_gone()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("run1"));
        using var update = store.Connection.CreateCommand();
        update.CommandText = "UPDATE runs SET status = 'running', pid = 999999999, heartbeat_at = $now";
        update.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        update.ExecuteNonQuery();
        Assert.Equal(RunStatus.Running, store.FindRun("run1")!.Status);
    }

    [Fact]
    public void An_unknown_run_id_is_a_user_error_naming_close_ids_and_a_unique_prefix_resolves()
    {
        using var store = temporary.Open();
        store.GetOrCreateRun(Registration("3fa9c01b22d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e"));
        store.GetOrCreateRun(Registration("9b0e44aa01c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6"));
        Assert.StartsWith("3fa9c01b22d4", store.ResolveRun("3fa9c0").Id);
        var error = Assert.Throws<UserError>(() => store.ResolveRun("3fa9c01b22d5"));
        Assert.Contains("did you mean 3fa9c01b22d4", error.Message);
    }

    [Fact]
    public void A_reader_sees_committed_rows_while_a_writer_holds_a_transaction()
    {
        using var writer = temporary.Open();
        writer.GetOrCreateRun(Registration("run1"));
        using var transaction = writer.Connection.BeginTransaction(deferred: false);
        using (var insert = writer.Connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO metrics(run_id, step, train_loss) VALUES ('run1', 1, 3.0)";
            insert.ExecuteNonQuery();
        }
        using var reader = temporary.Open();
        Assert.Single(reader.ListRuns());
        Assert.Empty(reader.Metrics("run1"));
        transaction.Commit();
        Assert.Single(reader.Metrics("run1"));
    }

    [Fact]
    public void Two_threads_with_separate_connections_lose_no_rows()
    {
        using (var setup = temporary.Open())
            foreach (string id in new[] { "left", "right" }) setup.GetOrCreateRun(Registration(id));

        const int steps = 3000;
        void Write(string id)
        {
            using var store = temporary.Open();
            using var recorder = store.OpenRecorder(id, flushEvery: 7);
            for (int step = 1; step <= steps; step++)
            {
                recorder.Step(new StepMetrics(step, 3, 0.01, step, 1, step));
                if (step % 100 == 0) recorder.Event("progress", $"{step}");
            }
            recorder.Finished(RunOutcome.Finished, null);
        }
        var threads = new[] { new Thread(() => Write("left")), new Thread(() => Write("right")) };
        foreach (var thread in threads) thread.Start();
        using var reading = temporary.Open();
        while (threads.Any(t => t.IsAlive)) Assert.Equal(2, reading.ListRuns().Count);
        foreach (var thread in threads) thread.Join();

        Assert.Equal(2 * steps, Count(reading, "SELECT COUNT(*) FROM metrics"));
        Assert.Equal(2 * (steps / 100 + 2), Count(reading, "SELECT COUNT(*) FROM events"));
        Assert.All(reading.ListRuns(), r => Assert.Equal(RunStatus.Finished, r.Status));
    }

    [Fact]
    public void Two_processes_creating_and_writing_one_new_store_at_once_lose_no_rows()
    {
        const int steps = 2000;
        var children = new[] { "first", "second" }.Select(id => StoreWriterChild.StartWriting(temporary.Path, id, steps, flushEvery: 5)).ToList();
        foreach (var child in children)
        {
            Assert.True(child.WaitForExit(30_000), "writer process did not finish");
            Assert.True(child.ExitCode == 0, child.StandardError.ReadToEnd());
        }

        using var store = temporary.Open();
        Assert.Equal(2 * steps, Count(store, "SELECT COUNT(*) FROM metrics"));
        Assert.All(store.ListRuns(), r => Assert.Equal((RunStatus.Finished, steps), (r.Status, r.FinalStep!.Value)));
    }

    [Fact]
    public void A_writer_killed_with_sigkill_mid_batch_leaves_a_readable_store_with_every_flushed_step()
    {
        using (var setup = temporary.Open()) setup.GetOrCreateRun(Registration("victim"));

        const int flushEvery = 50;
        using var child = StoreWriterChild.StartStreaming(temporary.Path, "victim", flushEvery);
        int committed = 0;
        while (committed < 2000 && child.StandardOutput.ReadLine() is { } line)
            committed = int.Parse(line["committed ".Length..]);
        child.Kill();
        Assert.True(child.WaitForExit(10_000));
        Assert.True(committed >= 2000, child.StandardError.ReadToEnd());

        using var store = temporary.Open(new StoreOptions { StaleAfter = TimeSpan.Zero });
        using (var check = store.Connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string)check.ExecuteScalar()!);
        }
        var steps = store.Metrics("victim").Select(m => m.Step).ToList();
        Assert.True(steps.Count >= committed, $"{steps.Count} rows, but {committed} were reported committed");
        Assert.Equal(0, steps.Count % flushEvery);
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);
        Assert.Equal(RunStatus.Crashed, store.FindRun("victim")!.Status);
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_a_user_error_naming_it()
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(temporary.Path)!);
        File.WriteAllText(temporary.Path, "hello, I am a text file\n");

        Assert.StartsWith($"{temporary.Path} is not a nanolm run store (not an SQLite database)", Assert.Throws<UserError>(() => RunStore.OpenExisting(temporary.Path)).Message);
        Assert.StartsWith($"{temporary.Path} is not a nanolm run store (not an SQLite database)", Assert.Throws<UserError>(() => RunStore.Open(temporary.Path)).Message);
        Assert.Equal("hello, I am a text file\n", File.ReadAllText(temporary.Path));
    }

    [Fact]
    public void Another_programs_database_is_not_a_store_and_is_left_alone()
    {
        using (var other = new SqliteConnection($"Data Source={Path.Combine(temporary.Directory, "other.db")};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE photos (id INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }

        var error = Assert.Throws<UserError>(() => RunStore.OpenExisting(Path.Combine(temporary.Directory, "other.db")));
        Assert.Contains("other.db is an SQLite database but not a nanolm run store", error.Message);
    }

    [Fact]
    public void An_empty_file_reads_as_an_empty_store_as_one_train_is_creating_would()
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(temporary.Path)!);
        File.WriteAllBytes(temporary.Path, []);

        using var store = RunStore.OpenExisting(temporary.Path);
        Assert.Empty(store.ListRuns());
        Assert.Equal(StoreSchemaVersion, store.SchemaVersion);
    }

    const int StoreSchemaVersion = 3;

    [Fact]
    public void A_store_of_the_schema_before_is_upgraded_when_first_read_and_keeps_its_runs_in_order()
    {
        using (var store = temporary.Open())
        {
            store.GetOrCreateRun(Registration("bb22", width: 128));
            store.GetOrCreateRun(Registration("aa11"));
            using var command = store.Connection.CreateCommand();
            command.CommandText = "DROP INDEX runs_by_creation; PRAGMA user_version = 2";
            command.ExecuteNonQuery();
        }

        using var reader = RunStore.OpenExisting(temporary.Path);
        Assert.Equal(StoreSchemaVersion, reader.SchemaVersion);
        Assert.Equal(1, Count(reader, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'runs_by_creation'"));
        Assert.Equal(["bb22", "aa11"], reader.ListRuns().Select(r => r.Id));
    }

    [Fact]
    public void Commands_that_only_read_open_the_store_read_only_and_change_nothing()
    {
        using (var store = temporary.Open()) store.GetOrCreateRun(Registration("aa11"));
        byte[] before = File.ReadAllBytes(temporary.Path);

        using (var reader = RunStore.OpenExisting(temporary.Path))
        {
            Assert.Single(reader.ListRuns());
            var write = Assert.Throws<SqliteException>(() => reader.EnsureExperiment("tiny"));
            Assert.Equal(SQLitePCL.raw.SQLITE_READONLY, write.SqliteErrorCode);
        }

        Assert.Equal(before, File.ReadAllBytes(temporary.Path));
    }

    [Fact]
    public void A_store_written_by_a_newer_nanolm_is_refused_by_readers_too()
    {
        using (var store = temporary.Open())
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        Assert.Contains("written by a newer nanolm (schema 99", Assert.Throws<UserError>(() => RunStore.OpenExisting(temporary.Path)).Message);
        Assert.Contains("written by a newer nanolm (schema 99", Assert.Throws<UserError>(() => temporary.Open()).Message);
    }

    [Theory]
    [InlineData(8, "cannot write the run store /x/store.db: the file or its folder is read-only")]
    [InlineData(14, "cannot open the run store /x/store.db: ")]
    [InlineData(26, "/x/store.db is not a nanolm run store")]
    public void SQLite_errors_a_user_causes_become_one_line_naming_the_store(int code, string expected)
    {
        // As root (CI) permissions cannot make a file read-only, so the mapping is checked on its own; docs/troubleshooting.md
        // shows the messages from a run as an unprivileged user.
        var problem = RunStore.StoreProblem(new SqliteException("SQLite Error", code), "/x/store.db");
        Assert.StartsWith(expected, problem!.Message);
        Assert.Null(RunStore.StoreProblem(new SqliteException("SQLite Error 19: constraint", 19), "/x/store.db"));
    }
}

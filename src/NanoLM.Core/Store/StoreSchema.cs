using Microsoft.Data.Sqlite;

namespace NanoLM.Store;

/// <summary>
/// The store's schema as an ordered list of migrations; PRAGMA user_version records how many have been applied.
/// Append new migrations at the end; never edit one that has shipped.
/// </summary>
internal static class StoreSchema
{
    static readonly string[] Migrations =
    [
        """
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            spec_path TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            experiment_id INTEGER REFERENCES experiments(id),
            settings TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'finished', 'failed', 'interrupted', 'diverged')),
            stage TEXT NOT NULL,
            width INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            pid INTEGER,
            pid_started_at INTEGER,
            host TEXT,
            heartbeat_at INTEGER,
            created_at INTEGER NOT NULL,
            started_at INTEGER,
            finished_at INTEGER,
            reason TEXT,
            checkpoint_step INTEGER,
            checkpoint_path TEXT,
            final_step INTEGER,
            tokens INTEGER,
            wall_s REAL,
            best_val_loss REAL,
            final_val_loss REAL
        );
        CREATE TABLE metrics (
            run_id TEXT NOT NULL REFERENCES runs(id),
            step INTEGER NOT NULL,
            train_loss REAL,
            val_loss REAL,
            lr REAL,
            tokens INTEGER,
            tokens_per_s REAL,
            wall_s REAL,
            peak_memory_bytes INTEGER,
            PRIMARY KEY (run_id, step)
        ) WITHOUT ROWID;
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES runs(id),
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            message TEXT NOT NULL
        );
        CREATE TABLE artifacts (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES runs(id),
            kind TEXT NOT NULL,
            step INTEGER,
            path TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        """,
        """
        CREATE INDEX runs_by_experiment ON runs(experiment_id, stage, width, seed);
        CREATE INDEX events_by_run ON events(run_id, id);
        CREATE INDEX artifacts_by_run ON artifacts(run_id, kind, step);
        """,
        // Runs are listed in creation order; without an index SQLite sorts every row, settings and all (bench/store).
        """
        CREATE INDEX runs_by_creation ON runs(created_at);
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the file up to <see cref="LatestVersion"/>; safe when several processes open a new store at once.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        if (CurrentVersion(connection) == LatestVersion) return;
        // IMMEDIATE takes the write lock first, so a second process waits here and then sees the work already done.
        using var transaction = connection.BeginTransaction(deferred: false);
        int version = CurrentVersion(connection);
        if (version > LatestVersion)
            throw Newer(version);
        for (; version < LatestVersion; version++)
        {
            Execute(connection, transaction, Migrations[version]);
            Execute(connection, transaction, $"PRAGMA user_version = {version + 1}");
        }
        transaction.Commit();
    }

    /// <summary>
    /// For a read-only connection: a store this nanolm can read or upgrade, not a newer one or another program's
    /// database. A file with no tables at all is a store `train` has only begun to create (or an empty file).
    /// </summary>
    public static void EnsureReadable(SqliteConnection connection, string path)
    {
        // One statement, so one snapshot: read apart, a trainer's first migration could commit between the two reads,
        // and a store it is creating would look like another program's database (version 0 with tables).
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT user_version FROM pragma_user_version), (SELECT COUNT(*) FROM sqlite_master)";
        using var reader = command.ExecuteReader();
        reader.Read();
        int version = reader.GetInt32(0);
        long tables = reader.GetInt64(1);
        if (version > LatestVersion) throw Newer(version);
        if (version == 0 && tables > 0)
            throw new UserError($"{path} is an SQLite database but not a nanolm run store; pass the store.db that `dotnet nanolm train` wrote (.nanolm/store.db beside nanolm.yaml)");
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    static UserError Newer(int version) =>
        new($"the store was written by a newer nanolm (schema {version}; this one knows {LatestVersion}); update the tool");

    static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;

namespace NanoLM.Store;

/// <summary>Opens a connection to a store file with the settings every reader and writer must share.</summary>
internal static class StoreConnection
{
    /// <summary>How long a writer waits for another writer's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        if (!readOnly) return Open(path, SqliteOpenMode.ReadWriteCreate);
        var connection = Open(path, SqliteOpenMode.ReadOnly);
        try
        {
            StoreSchema.CurrentVersion(connection);
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY)
        {
            // A WAL store in a folder we cannot write has no -shm file and cannot make one, so SQLite will not read it.
            // Read it as immutable instead: the file as last checkpointed (a clean close checkpoints everything), with
            // no locks, which is exact unless its owner is training into it at this moment.
            connection.Dispose();
            return Open(new Uri(path).AbsoluteUri + "?immutable=1", SqliteOpenMode.ReadOnly);
        }
    }

    static SqliteConnection Open(string dataSource, SqliteOpenMode mode)
    {
        bool readOnly = mode == SqliteOpenMode.ReadOnly;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = dataSource,
            Mode = mode,
            // Pooled connections would keep the file open after Dispose; a store is opened rarely and held long.
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets `runs list` read while `train` writes. synchronous=NORMAL: in WAL mode a commit is in the WAL file (in
        // the OS page cache) before COMMIT returns, so a killed process (SIGKILL, OOM) loses nothing it committed; only
        // an OS crash or power cut can drop the last few commits, and even then the file stays consistent. FULL would
        // add an fsync per metric batch to guard against power loss, which a re-run of the lost steps covers anyway.
        command.CommandText = $"""
            PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};
            {(readOnly ? "" : "PRAGMA journal_mode = WAL;")}
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            """;
        command.ExecuteNonQuery();
        return connection;
    }
}

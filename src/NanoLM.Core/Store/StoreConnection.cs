using Microsoft.Data.Sqlite;

namespace NanoLM.Store;

/// <summary>Opens a connection to a store file with the settings every reader and writer must share.</summary>
internal static class StoreConnection
{
    /// <summary>How long a writer waits for another writer's transaction before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
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

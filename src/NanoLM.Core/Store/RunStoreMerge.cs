using Microsoft.Data.Sqlite;

namespace NanoLM.Store;

/// <summary>What one merge did: runs copied in, runs this store already had settled, and unsettled shard runs left for later.</summary>
public sealed record MergeResult(int Merged, int AlreadyHere, int Unsettled);

public sealed partial class RunStore
{
    /// <summary>
    /// Folds a shard store's runs (metrics, events, checkpoints) into this store by run identity. Each run is copied in a
    /// transaction of its own, so a merge killed midway leaves every run either whole or absent, and merging again
    /// finishes the job; a run this store already has settled is kept as it is. A shard of another experiment, or a run
    /// whose identity carries other settings here, is a <see cref="UserError"/> and nothing of that shard is merged.
    /// </summary>
    public MergeResult MergeFrom(string shardPath, string experimentName)
    {
        using (var attach = Command("ATTACH DATABASE $path AS shard"))
        {
            attach.Parameters.AddWithValue("$path", System.IO.Path.GetFullPath(shardPath));
            attach.ExecuteNonQuery();
        }
        try
        {
            using (var names = Command("SELECT name FROM shard.experiments"))
            using (var reader = names.ExecuteReader())
                while (reader.Read())
                    if (reader.GetString(0) != experimentName)
                        throw new UserError($"{shardPath} holds runs of experiment '{reader.GetString(0)}', not '{experimentName}'; merge it into that experiment's store");
            var shardRuns = new List<(string Id, string Settings, RunStatus Status)>();
            using (var select = Command("SELECT id, settings, status FROM shard.runs ORDER BY created_at, rowid"))
            using (var reader = select.ExecuteReader())
                while (reader.Read()) shardRuns.Add((reader.GetString(0), reader.GetString(1), RunStatusNames.Parse(reader.GetString(2))));
            foreach (var run in shardRuns)
                if (FindRun(run.Id) is { } here && here.SettingsJson != run.Settings)
                    throw new UserError($"run {run.Id[..12]} has other settings in {shardPath} than in {Path}; the two stores disagree on what that identity means, so nothing of the shard was merged");

            long experiment = EnsureExperiment(experimentName);
            int merged = 0, alreadyHere = 0, unsettled = 0;
            foreach (var run in shardRuns)
            {
                if (run.Status is not (RunStatus.Finished or RunStatus.Diverged)) { unsettled++; continue; }
                if (IsSettled(run.Id)) { alreadyHere++; continue; }
                using var transaction = connection.BeginTransaction(deferred: false);
                // An unsettled copy here (an earlier try of the same trial) gives way to the shard's settled run.
                foreach (string table in new[] { "metrics", "events", "artifacts" })
                    Execute($"DELETE FROM main.{table} WHERE run_id = $id", run.Id, transaction);
                Execute("DELETE FROM main.runs WHERE id = $id", run.Id, transaction);
                Execute($"INSERT INTO main.runs ({RunColumns}) SELECT {RunColumns.Replace("experiment_id", "$experiment")} FROM shard.runs WHERE id = $id", run.Id, transaction, experiment);
                Execute("INSERT INTO main.metrics SELECT * FROM shard.metrics WHERE run_id = $id", run.Id, transaction);
                Execute("INSERT INTO main.events (run_id, at, kind, message) SELECT run_id, at, kind, message FROM shard.events WHERE run_id = $id ORDER BY id", run.Id, transaction);
                Execute("INSERT INTO main.artifacts (run_id, kind, step, path, created_at) SELECT run_id, kind, step, path, created_at FROM shard.artifacts WHERE run_id = $id ORDER BY id", run.Id, transaction);
                using (var note = Command("INSERT INTO main.events (run_id, at, kind, message) VALUES ($id, $now, 'merged', $message)", transaction))
                {
                    note.Parameters.AddWithValue("$id", run.Id);
                    note.Parameters.AddWithValue("$now", Now());
                    note.Parameters.AddWithValue("$message", $"from {System.IO.Path.GetFileName(shardPath)}");
                    note.ExecuteNonQuery();
                }
                transaction.Commit();
                merged++;
            }
            return new MergeResult(merged, alreadyHere, unsettled);
        }
        finally
        {
            using var detach = Command("DETACH DATABASE shard");
            detach.ExecuteNonQuery();
        }
    }

    void Execute(string sql, string runId, SqliteTransaction transaction, long? experiment = null)
    {
        using var command = Command(sql, transaction);
        command.Parameters.AddWithValue("$id", runId);
        if (experiment is { } id) command.Parameters.AddWithValue("$experiment", id);
        command.ExecuteNonQuery();
    }
}

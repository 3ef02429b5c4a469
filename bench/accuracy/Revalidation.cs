using Microsoft.Data.Sqlite;
using NanoLM.Data;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Trainer;
using TorchSharp;

/// <summary>
/// The trainer validates on train.eval_batches × train.batch fixed windows (8 × 16 of 64 tokens in the quickstart), a
/// small sample of the validation split, so each run's loss carries that sample's noise besides its seed's. This scores
/// every finished run's last checkpoint again on more windows, the ones train.final_eval_batches would have validated the
/// last step on, in a copy of the study's store where those losses replace
/// the last validation losses. The copy describes the same trained runs: the search's choice, made on the runs' final
/// losses, stays what it was. Finished runs never change, so a run the previous copy already scored keeps that loss and
/// only new runs are measured (the copy's `rescored` table holds what was measured).
/// </summary>
static class Revalidation
{
    /// <summary>A copy of <paramref name="trained"/> measured again on <paramref name="batches"/> batches; null without them, when the trained store is scored as it is.</summary>
    public static RunStore? Copy(ExperimentSpec spec, string directory, RunStore trained, int? batches)
    {
        if (batches is not { } count) return null;
        string path = Path.Combine(Path.GetDirectoryName(trained.Path)!, $"revalidated-{count}.db");
        var previous = Rescored(path);
        var losses = MeasureAgain(Spec(spec, count), directory, trained, previous);
        File.Delete(path);
        using (var source = new SqliteConnection($"Data Source={trained.Path}"))
        {
            source.Open();
            using var copy = source.CreateCommand();
            copy.CommandText = "VACUUM INTO $path";
            copy.Parameters.AddWithValue("$path", path);
            copy.ExecuteNonQuery();
        }
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using (var table = connection.CreateCommand())
            {
                table.CommandText = "CREATE TABLE rescored (run_id TEXT NOT NULL, step INTEGER NOT NULL, loss REAL NOT NULL, PRIMARY KEY (run_id, step))";
                table.ExecuteNonQuery();
            }
            // The loss replaces the run's last validation loss, and is recorded as measured for the next copy.
            foreach (var (id, step, loss) in losses)
                foreach (string sql in new[] { "UPDATE metrics SET val_loss = $loss WHERE run_id = $id AND step = $step", "INSERT INTO rescored (run_id, step, loss) VALUES ($id, $step, $loss)" })
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    command.Parameters.AddWithValue("$loss", loss);
                    command.Parameters.AddWithValue("$id", id);
                    command.Parameters.AddWithValue("$step", step);
                    command.ExecuteNonQuery();
                }
            transaction.Commit();
        }
        int kept = losses.Count(l => previous.ContainsKey((l.Id, l.Step)));
        Console.WriteLine($"   {losses.Count} runs of {directory} scored again on {count} × {spec.Train.Batch} validation windows ({losses.Count - kept} measured now, {kept} kept from the previous copy): {path}");
        return RunStore.OpenExisting(path);
    }

    /// <summary>The spec as if it validated its last step on <paramref name="batches"/> batches, for the oracle loss on the same windows.</summary>
    public static ExperimentSpec Spec(ExperimentSpec spec, int? batches) =>
        batches is { } count ? spec with { Train = spec.Train with { FinalEvalBatches = count } } : spec;

    // Only runs whose last checkpoint is the step of their last validation: that is the loss a fit reads.
    static List<(string Id, int Step, double Loss)> MeasureAgain(ExperimentSpec spec, string directory, RunStore store, IReadOnlyDictionary<(string, int), double> previous)
    {
        using var data = ExperimentData.Open(spec, directory);
        var windows = BatchOrder.ValidationOffsets(spec.Train.FinalValidationWindows, spec.Model.SeqLen, data.Validation.Count);
        var losses = new List<(string, int, double)>();
        foreach (var run in store.ListRuns().Where(r => r.StoredStatus == RunStatus.Finished))
        {
            int? last = store.Metrics(run.Id).LastOrDefault(m => m.ValidationLoss is not null)?.Step;
            if (last is null || store.LastCheckpoint(run.Id) is not { } checkpoint || checkpoint.Step != last || !File.Exists(checkpoint.Path)) continue;
            if (previous.TryGetValue((run.Id, checkpoint.Step), out double known)) { losses.Add((run.Id, checkpoint.Step, known)); continue; }
            using var model = Checkpoint.LoadModel(checkpoint.Path, spec.Train.Precision);
            losses.Add((run.Id, checkpoint.Step, ValidationLoss.Mean(model, data.Validation, windows, spec.Train.Batch, torch.CPU)));
        }
        return losses;
    }

    // What an earlier copy at this path measured, by run and step; empty when there is none or it predates the table.
    static Dictionary<(string, int), double> Rescored(string path)
    {
        var known = new Dictionary<(string, int), double>();
        if (!File.Exists(path)) return known;
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT run_id, step, loss FROM rescored";
        try
        {
            using var reader = query.ExecuteReader();
            while (reader.Read()) known[(reader.GetString(0), reader.GetInt32(1))] = reader.GetDouble(2);
        }
        catch (SqliteException) { } // an older copy without the table: everything is measured again
        return known;
    }
}

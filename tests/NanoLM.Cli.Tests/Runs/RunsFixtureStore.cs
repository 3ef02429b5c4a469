using Microsoft.Data.Sqlite;
using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Tests.Runs;

/// <summary>
/// A store with three runs of a small ladder: width 32 and 64 finished (64 at a higher LR), and width 128 left
/// `running` by a process that no longer exists, so it reads as crashed.
/// </summary>
public sealed class RunsFixtureStore : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("nanolm-runs-").FullName;
    public string StorePath => Path.Combine(Directory, ".nanolm", "store.db");
    public string ConfigPath => Path.Combine(Directory, "nanolm.yaml");
    public IReadOnlyList<Trial> Trials { get; }

    public RunsFixtureStore()
    {
        File.WriteAllText(ConfigPath, "name: fixture\n");
        var spec = new ExperimentSpec { Search = new SearchSpec { Enabled = false } };
        var plan = PlanBuilder.Build(spec);
        var fasterSpec = spec with { Train = spec.Train with { Optimizer = spec.Train.Optimizer with { Lr = 0.02 } } };
        Trials = [plan.LadderTrials.ElementAt(0), PlanBuilder.Build(fasterSpec).LadderTrials.ElementAt(2), plan.LadderTrials.ElementAt(4)];

        using (var store = RunStore.Open(StorePath))
        {
            long experiment = store.EnsureExperiment("fixture", ConfigPath);
            foreach (var trial in Trials) store.GetOrCreateRun(RunRegistration.From(trial, experiment));
            Record(store, Trials[0], finalLoss: 2.10);
            Record(store, Trials[1], finalLoss: 1.95);
            using var recorder = store.OpenRecorder(Trials[2].Identity.Hash, flushEvery: 10);
            for (int step = 1; step <= 30; step++) recorder.Step(new StepMetrics(step, 3.0, 0.01, step * 2048L, 9000, step * 0.2));
        }
        LeaveRunningUnderDeadProcess(Trials[2].Identity.Hash);
    }

    // As if the writer had been killed: still `running`, owned by a pid that has exited, heartbeat a while ago.
    void LeaveRunningUnderDeadProcess(string runId)
    {
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE runs SET status = 'running', pid = $pid, pid_started_at = NULL, heartbeat_at = $old, finished_at = NULL WHERE id = $id";
        update.Parameters.AddWithValue("$pid", dead.Id);
        update.Parameters.AddWithValue("$old", DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("$id", runId);
        update.ExecuteNonQuery();
    }

    static void Record(RunStore store, Trial trial, double finalLoss)
    {
        using var recorder = store.OpenRecorder(trial.Identity.Hash, flushEvery: 25);
        for (int step = 1; step <= 100; step++)
        {
            recorder.Step(new StepMetrics(step, finalLoss + 1.0 / step, 0.01, step * 2048L, 10_000, step * 0.1));
            if (step % 50 == 0) recorder.Evaluation(new EvaluationMetrics(step, finalLoss + 50.0 / (step * 100), step * 2048L, 1 << 20, step * 0.1));
        }
        recorder.Checkpoint(100, $"/checkpoints/{trial.Identity.Short}/100.pt");
        recorder.Finished(RunOutcome.Finished, null);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

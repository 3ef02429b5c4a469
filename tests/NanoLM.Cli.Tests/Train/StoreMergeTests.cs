using Microsoft.Data.Sqlite;
using NanoLM.ScaleOut;
using NanoLM.Store;

namespace NanoLM.Tests.Train;

/// <summary>`store merge`: every task of an emitted plan run here, merged, gives what one local `train` gives.</summary>
public class StoreMergeTests
{
    static void RunEveryTask(TinyExperiment experiment)
    {
        Assert.Equal(0, CliRun.Of("train", "-c", experiment.SpecPath, "--emit", "kubernetes").ExitCode);
        string manifest = Path.Combine(experiment.Directory, "kubernetes", TrialManifest.FileName);
        foreach (var (stage, count) in new[] { ("search", 2), ("ladder", 4) })
            for (int index = 0; index < count; index++)
            {
                var task = CliRun.Of("train", "-c", experiment.SpecPath, "--stage", stage, "--trial-index", $"{index}", "--manifest", manifest);
                Assert.True(task.ExitCode == 0, task.Output + task.Error);
            }
    }

    [Fact]
    public void Merged_shards_hold_the_same_runs_and_losses_as_a_local_train_and_merging_again_changes_nothing()
    {
        using var experiment = new TinyExperiment();
        RunEveryTask(experiment);

        var unmerged = CliRun.Of("runs", "list", "-c", experiment.SpecPath);
        var merge = CliRun.Of("store", "merge", "-c", experiment.SpecPath);
        var again = CliRun.Of("store", "merge", "-c", experiment.SpecPath);
        using var local = new TinyExperiment();
        var localTrain = CliRun.Of("train", "-c", local.SpecPath);
        Assert.True(localTrain.ExitCode == 0, localTrain.Output + localTrain.Error);

        Assert.Equal(1, unmerged.ExitCode);
        Assert.Contains("5 shard store(s)", unmerged.Error);
        Assert.Contains("run `dotnet nanolm store merge` first", unmerged.Error);
        Assert.True(merge.ExitCode == 0, merge.Output + merge.Error);
        Assert.Contains("Merged 5 run(s) from 5 shard(s)", merge.Output);
        Assert.Contains("Merged 0 run(s) from 5 shard(s)", again.Output);
        Assert.Contains("5 were already here", again.Output);
        using var merged = RunStore.OpenExisting(experiment.StorePath);
        using var trained = RunStore.OpenExisting(local.StorePath);
        Assert.Equal(trained.CompletedValidationLosses().OrderBy(p => p.Key), merged.CompletedValidationLosses().OrderBy(p => p.Key));
        foreach (var run in merged.ListRuns())
        {
            Assert.Equal(trained.Metrics(run.Id).Count, merged.Metrics(run.Id).Count);
            Assert.Single(merged.Events(run.Id), e => e.Kind == "merged");
        }
        Assert.DoesNotContain("not in this store yet", CliRun.Of("runs", "list", "-c", experiment.SpecPath).Error);
    }

    [Fact]
    public void A_shard_of_another_experiment_or_with_other_settings_under_an_identity_is_refused_whole()
    {
        using var experiment = new TinyExperiment();
        RunEveryTask(experiment);
        string shard = ShardStores.All(experiment.StorePath)[0];
        var first = CliRun.Of("store", "merge", "-c", experiment.SpecPath);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);

        Sql(shard, "UPDATE runs SET settings = replace(settings, '\"batch\":2', '\"batch\":3')");
        var conflicting = CliRun.Of("store", "merge", "-c", experiment.SpecPath);
        Sql(shard, "UPDATE experiments SET name = 'someone else'");
        var foreign = CliRun.Of("store", "merge", "-c", experiment.SpecPath);

        Assert.Equal(1, conflicting.ExitCode);
        Assert.Contains("has other settings in", conflicting.Error);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("holds runs of experiment 'someone else', not 'tiny'", foreign.Error);
    }

    [Fact]
    public void A_merge_into_a_store_another_process_is_writing_is_refused()
    {
        using var experiment = new TinyExperiment();
        RunEveryTask(experiment);
        using var store = RunStore.Open(experiment.StorePath);
        store.GetOrCreateRun(new RunRegistration(new string('a', 64), "{}", "ladder", 16, 0));
        // This test process trains a run there, as a `train` in another terminal would.
        using var recorder = store.OpenRecorder(new string('a', 64));

        var merge = DotnetProcess.Run(experiment.Directory, new Dictionary<string, string>(), [DotnetCli.BuiltTool, "store", "merge", "-c", experiment.SpecPath]);

        Assert.Equal(1, merge.ExitCode);
        Assert.Contains($"is being written (pid {Environment.ProcessId} on {Environment.MachineName} trains run aaaaaaaaaaaa)", merge.Output);
    }

    static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

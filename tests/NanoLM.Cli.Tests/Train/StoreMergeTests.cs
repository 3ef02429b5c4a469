using Microsoft.Data.Sqlite;
using NanoLM.ScaleOut;
using NanoLM.Store;

namespace NanoLM.Tests.Train;

/// <summary>`store merge`: every task of an emitted plan run here, merged, gives what one local `train` gives.</summary>
public class StoreMergeTests
{
    // Each Job's own container command, run here once per index with JOB_COMPLETION_INDEX set, as its pods would run it;
    // the experiment folder stands in for the volume at /experiment, and the built tool for `dotnet nanolm`.
    static void RunEveryTask(TinyExperiment experiment)
    {
        Assert.Equal(0, CliRun.Of("train", "-c", experiment.SpecPath, "--emit", "kubernetes").ExitCode);
        foreach (string stage in new[] { "search", "ladder" })
        {
            var job = new YamlDotNet.Serialization.DeserializerBuilder().Build()
                .Deserialize<Dictionary<string, object>>(File.ReadAllText(Path.Combine(experiment.Directory, "kubernetes", $"{stage}-job.yaml")));
            var spec = (Dictionary<object, object>)job["spec"];
            var pod = (Dictionary<object, object>)((Dictionary<object, object>)spec["template"])["spec"];
            var container = (Dictionary<object, object>)((List<object>)pod["containers"])[0];
            var command = ((List<object>)container["command"]).Select(a => ((string)a).Replace("/experiment", experiment.Directory)).ToList();
            Assert.Equal(["dotnet", "nanolm"], command[..2]);
            for (int index = 0; index < int.Parse((string)spec["completions"]); index++)
            {
                var task = DotnetProcess.Run(experiment.Directory, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = $"{index}" },
                    [DotnetCli.BuiltTool, .. command[2..]]);
                Assert.True(task.ExitCode == 0, task.Output);
            }
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
        Assert.DoesNotContain("not in this store yet",
            DotnetProcess.Run(experiment.Directory, new Dictionary<string, string>(), [DotnetCli.BuiltTool, "runs", "list", "-c", experiment.SpecPath]).Output);
    }

    [Fact]
    public void Readers_name_finished_runs_still_in_shards_and_merging_again_brings_them_in()
    {
        using var experiment = new TinyExperiment();
        RunEveryTask(experiment);
        Assert.Equal(0, CliRun.Of("store", "merge", "-c", experiment.SpecPath).ExitCode);
        // As if the merge had been killed before this run's transaction.
        string id;
        using (var store = RunStore.OpenExisting(experiment.StorePath)) id = store.ListRuns()[^1].Id;
        foreach (string table in new[] { "metrics", "events", "artifacts" }) Sql(experiment.StorePath, $"DELETE FROM {table} WHERE run_id = '{id}'");
        Sql(experiment.StorePath, $"DELETE FROM runs WHERE id = '{id}'");

        // The note goes to the process's standard error, as spec warnings do.
        var list = DotnetProcess.Run(experiment.Directory, new Dictionary<string, string>(), [DotnetCli.BuiltTool, "runs", "list", "-c", experiment.SpecPath]);
        var merge = CliRun.Of("store", "merge", "-c", experiment.SpecPath);

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("note: 1 finished run(s) in", list.Output);
        Assert.Contains("run `dotnet nanolm store merge`", list.Output);
        Assert.Contains("Merged 1 run(s) from 5 shard(s)", merge.Output);
        Assert.Contains("4 were already here", merge.Output);
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

using System.CommandLine;
using NanoLM.ScaleOut;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm store merge`: fold the shard stores that scheduler tasks wrote into the experiment's store.</summary>
public static class StoreCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var experiment = new ExperimentOptions("The experiment's nanolm.yaml: its name, and the store beside it.");
        var merge = new Command("merge", "Fold the shard stores in .nanolm/shards (one per scheduler task) into the experiment's store, by run identity. Idempotent; shards are kept.");
        experiment.AddTo(merge);
        merge.SetAction(parsed =>
        {
            var spec = experiment.LoadSpec(parsed);
            string storePath = experiment.StorePath(parsed);
            var shards = ShardStores.All(storePath);
            if (shards.Count == 0)
            {
                console.WriteLine($"No shard stores in {ShardStores.Folder(storePath)}; nothing to merge.");
                return CliApp.Success;
            }
            using var store = RunStore.Open(storePath);
            // Two writers could interleave a run's rows with a merge's; merge when training here has stopped.
            if (store.ListRuns().FirstOrDefault(r => r.Holder is not null) is { } held)
                throw new UserError($"{storePath} is being written ({held.Holder} trains run {held.ShortId}); merge once that training has stopped");
            int merged = 0, already = 0, unsettled = 0;
            foreach (string shard in shards)
            {
                var result = store.MergeFrom(shard, spec.Name);
                (merged, already, unsettled) = (merged + result.Merged, already + result.AlreadyHere, unsettled + result.Unsettled);
            }
            console.WriteLine($"Merged {merged} run(s) from {shards.Count} shard(s) into {storePath}" +
                              $"{(already > 0 ? $"; {already} were already here" : "")}" +
                              $"{(unsettled > 0 ? $"; {unsettled} not finished yet (merge again when their tasks end)" : "")}.");
            return CliApp.Success;
        });
        return new Command("store", "Work on the run store itself.") { merge };
    }
}

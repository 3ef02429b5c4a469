using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.ScaleOut;

/// <summary>
/// A scheduler task writes its own SQLite file beside the experiment's store (.nanolm/shards/STAGE-INDEX.db): two nodes
/// never write one file, because SQLite's locking is not safe over NFS. A requeued task reopens its shard and resumes.
/// </summary>
public static class ShardStores
{
    public static string Folder(string storePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath))!, "shards");

    public static string PathFor(string storePath, TrialStage stage, int index) =>
        Path.Combine(Folder(storePath), $"{StageTasks.Name(stage)}-{index:D4}.db");

    public static IReadOnlyList<string> All(string storePath) =>
        Directory.Exists(Folder(storePath)) ? [.. Directory.GetFiles(Folder(storePath), "*.db").Order(StringComparer.Ordinal)] : [];

    /// <summary>The final validation loss of every settled run in the store and in every shard, keyed by run id.</summary>
    public static IReadOnlyDictionary<string, double> SettledLosses(string storePath)
    {
        var losses = new Dictionary<string, double>();
        foreach (string path in All(storePath).Prepend(storePath).Where(File.Exists))
        {
            using var store = RunStore.OpenExisting(path);
            foreach (var (id, loss) in store.CompletedValidationLosses()) losses.TryAdd(id, loss);
        }
        return losses;
    }

    /// <summary>How many runs settled in a shard are not settled in the store: what `store merge` would bring in.</summary>
    public static int UnmergedRuns(string storePath, RunStore? store)
    {
        int count = 0;
        var seen = new HashSet<string>();
        foreach (string path in All(storePath))
        {
            using var shard = RunStore.OpenExisting(path);
            foreach (string id in shard.CompletedValidationLosses().Keys)
                if (seen.Add(id) && store?.IsSettled(id) != true) count++;
        }
        return count;
    }
}

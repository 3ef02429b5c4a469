using System.CommandLine;
using NanoLM.ScaleOut;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Cli.Commands;

/// <summary>The -c and --store options of every command that works on an experiment, and what they resolve to.</summary>
internal sealed class ExperimentOptions(string configDescription = "The experiment's nanolm.yaml.")
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"The store file (default: .nanolm/store.db beside nanolm.yaml, or {StoreLocation.EnvironmentVariable}).",
    };

    public Option<string> Config { get; } = new("--config", "-c")
    {
        Description = configDescription,
        DefaultValueFactory = _ => SpecLoader.DefaultFileName,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Store);
    }

    public string SpecPath(ParseResult parsed) => parsed.GetValue(Config) ?? SpecLoader.DefaultFileName;

    /// <summary>Reads nanolm.yaml, printing its warnings to standard error (so --json output stays clean) unless the caller already did; its errors end the command as a user error.</summary>
    public ExperimentSpec LoadSpec(ParseResult parsed) => LoadSpec(SpecPath(parsed));

    /// <summary>As <see cref="LoadSpec(ParseResult)"/>, for a command that names its nanolm.yaml otherwise.</summary>
    public static ExperimentSpec LoadSpec(string specPath) =>
        SpecLoader.LoadOrThrow(specPath, warning => { if (!SpecWarningsReported.ByCaller) Console.Error.WriteLine(warning); });

    public string StorePath(ParseResult parsed) => StoreLocation.Resolve(parsed.GetValue(Store), SpecPath(parsed));

    /// <summary>
    /// Opens the store that must already exist; a missing one is a user error that says how to make it. Runs that
    /// scheduler tasks finished in shard stores and that are not merged yet are named once, so no reader misses them.
    /// </summary>
    public RunStore OpenExisting(ParseResult parsed) => OpenExistingNamingShards(StorePath(parsed));

    /// <summary>The store at <paramref name="path"/>, as <see cref="OpenExisting(ParseResult)"/> opens it.</summary>
    public static RunStore OpenExistingNamingShards(string path)
    {
        if (!File.Exists(path) && ShardStores.All(path).Count is > 0 and var shards)
            throw new UserError($"no run store at {path}, but {shards} shard store(s) in {ShardStores.Folder(path)}; run `dotnet nanolm store merge` first");
        var store = RunStore.OpenExisting(path);
        if (ShardStores.UnmergedRuns(path, store) is > 0 and var unmerged)
            Console.Error.WriteLine($"note: {unmerged} finished run(s) in {ShardStores.Folder(path)} are not in this store yet; run `dotnet nanolm store merge`");
        return store;
    }
}

using System.CommandLine;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Cli.Commands;

/// <summary>The --store and -c options every `runs` subcommand takes, and opening the store they point at.</summary>
internal sealed class RunsStoreOptions
{
    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"The store file (default: .nanolm/store.db beside nanolm.yaml, or {StoreLocation.EnvironmentVariable}).",
    };

    public Option<string> Config { get; } = new("--config", "-c")
    {
        Description = "The experiment's nanolm.yaml; only used to find the store beside it.",
        DefaultValueFactory = _ => SpecLoader.DefaultFileName,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Config);
    }

    public RunStore Open(ParseResult parsed) =>
        RunStore.OpenExisting(StoreLocation.Resolve(parsed.GetValue(Store), parsed.GetValue(Config) ?? SpecLoader.DefaultFileName));
}

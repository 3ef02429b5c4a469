using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Build;

/// <summary>The files besides nanolm.yaml whose changes make a trained experiment out of date: its store and its data.</summary>
public sealed record ExperimentInputs(string StoreFile, IReadOnlyList<string> DataFiles)
{
    /// <summary>Resolves them as the tool does: the store by <see cref="StoreLocation"/>, shards relative to the spec's folder.</summary>
    public static ExperimentInputs Of(ExperimentSpec spec, string specPath, string? storeOption)
    {
        string storeFile = StoreLocation.Resolve(storeOption, specPath);
        if (spec.Data.Source != DataSource.Shards || string.IsNullOrWhiteSpace(spec.Data.Path))
            return new ExperimentInputs(storeFile, []);

        string specDirectory = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
        string shards = Path.GetFullPath(Path.Combine(specDirectory, spec.Data.Path));
        // A missing folder is the tool's error to report when it trains; here it only means no inputs to compare.
        string[] files = Directory.Exists(shards) ? Directory.GetFiles(shards) : [];
        Array.Sort(files, StringComparer.Ordinal);
        return new ExperimentInputs(storeFile, files);
    }
}

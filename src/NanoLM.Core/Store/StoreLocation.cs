namespace NanoLM.Store;

/// <summary>Where an experiment's store lives: --store, else NANOLM_STORE, else .nanolm/store.db beside nanolm.yaml.</summary>
public static class StoreLocation
{
    public const string EnvironmentVariable = "NANOLM_STORE";

    public static string Resolve(string? storeOption, string configPath)
    {
        if (!string.IsNullOrWhiteSpace(storeOption)) return Path.GetFullPath(storeOption);
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        string directory = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? Directory.GetCurrentDirectory();
        return Path.Combine(directory, ".nanolm", "store.db");
    }
}

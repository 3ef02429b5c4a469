using NanoLM.Store;

namespace NanoLM.Tests.Store;

/// <summary>A store file in a fresh temporary folder, deleted with the folder afterwards.</summary>
public sealed class TemporaryStore : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("nanolm-store-").FullName;

    public string Path => System.IO.Path.Combine(Directory, ".nanolm", "store.db");

    public RunStore Open(StoreOptions? options = null) => RunStore.Open(Path, options);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

namespace NanoLM.Native;

/// <summary>
/// The load-time half of the native fix-up: the build rewrites libLibTorchSharp.so in its output, but a copied folder,
/// an interrupted build, two builds writing one folder, or a package restored by other means can leave the original
/// beside the tool. Before libtorch loads, that copy is rewritten in place, with the build task's checks: never a file
/// in the NuGet cache, never a library whose relocations use the old version's symbols.
/// </summary>
public static class NativeLibraryRepair
{
    /// <summary>
    /// Rewrites <paramref name="library"/> when it still requires the old version and that is safe. Returns the sentence
    /// saying what was done, or null when nothing was needed; throws a <see cref="UserError"/> when the library needs the
    /// rewrite but cannot have it here.
    /// </summary>
    public static string? Repair(string library, VersionRequirementRewrite rewrite)
    {
        var found = rewrite.Inspect(library);
        if (found.Outcome != RewriteOutcome.Rewritten) return null;
        if (IsInNuGetCache(library))
            throw new UserError($"{library} requires {rewrite.FromVersion} and lies in the NuGet package cache, which nanolm never edits; run the tool from its build or install folder");
        try
        {
            var done = rewrite.Apply(library);
            return done.Outcome == RewriteOutcome.Rewritten
                ? $"the build's native fix-up had not reached {library}; rewrote its {rewrite.FromVersion} requirement to {rewrite.ToVersion} before loading it"
                : null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserError($"{library} still requires {rewrite.FromVersion} and cannot be fixed in place ({e.Message}); rebuild the tool (`dotnet build`) or reinstall it (`dotnet tool update`), which runs the fix-up, or make its folder writable");
        }
    }

    /// <summary>True for a file inside the NuGet package cache (NUGET_PACKAGES, else ~/.nuget/packages), which no fix-up may edit.</summary>
    public static bool IsInNuGetCache(string path)
    {
        string full = Path.GetFullPath(path);
        string? cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        cache ??= Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return full.StartsWith(Path.GetFullPath(cache) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}

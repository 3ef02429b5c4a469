namespace NanoLM.Native;

/// <summary>
/// The load-time half of the native fix-up: the build rewrites libLibTorchSharp.so in its output, but a copied folder,
/// an interrupted build, two builds writing one folder, or a package restored by other means can leave the original
/// beside the tool. Before libtorch loads, that copy is rewritten in place (or in a private copy when its folder cannot be
/// written), with the build task's checks: never a file in the NuGet cache, never a library whose relocations use the
/// old version's symbols.
/// </summary>
public static class NativeLibraryRepair
{
    /// <summary>
    /// Rewrites <paramref name="library"/> when it still requires the old version and that is safe: in place, or, when
    /// its folder cannot be written (an installed tool, a shared folder), in a private copy under
    /// <paramref name="privateRoot"/>. Says which file to load and, when something was done, the sentence saying what;
    /// throws a <see cref="UserError"/> when the library needs the rewrite but can have it nowhere.
    /// </summary>
    public static NativeRepair Repair(string library, VersionRequirementRewrite rewrite, string privateRoot)
    {
        var found = rewrite.Inspect(library);
        if (found.Outcome != RewriteOutcome.Rewritten) return new NativeRepair(library, null);
        if (IsInNuGetCache(library))
            throw new UserError($"{library} requires {rewrite.FromVersion} and lies in the NuGet package cache, which nanolm never edits; run the tool from its build or install folder");
        try
        {
            var done = rewrite.Apply(library);
            return new NativeRepair(library, done.Outcome == RewriteOutcome.Rewritten
                ? $"the build's native fix-up had not reached {library}; rewrote its {rewrite.FromVersion} requirement to {rewrite.ToVersion} before loading it"
                : null);
        }
        catch (Exception inPlace) when (inPlace is UnauthorizedAccessException or IOException)
        {
            try
            {
                var (copy, made) = PrivateCopy(library, rewrite, privateRoot);
                // Said when the copy is made; later commands load it quietly (doctor shows it).
                return new NativeRepair(copy, made
                    ? $"the build's native fix-up had not reached {library}, whose folder cannot be written; loaded a copy with its {rewrite.FromVersion} requirement rewritten to {rewrite.ToVersion} from {copy}"
                    : null);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new UserError($"{library} still requires {rewrite.FromVersion} and can be fixed neither in place ({inPlace.Message}) nor in a copy under {privateRoot} ({e.Message}); rebuild the tool (`dotnet build`) or reinstall it (`dotnet tool update`), which runs the fix-up");
            }
        }
    }

    /// <summary>Where private copies go: $XDG_CACHE_HOME/nanolm/native, else ~/.cache/nanolm/native.</summary>
    public static string DefaultPrivateRoot()
    {
        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache)) cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "nanolm", "native");
    }

    // One folder per original (by content), holding the rewritten library and links to its neighbours, which it finds
    // through its $ORIGIN run path; a later process reuses a finished copy.
    static (string Copy, bool Made) PrivateCopy(string library, VersionRequirementRewrite rewrite, string privateRoot)
    {
        string key;
        using (var stream = File.OpenRead(library)) key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream))[..16];
        string folder = Path.Combine(privateRoot, key);
        string copy = Path.Combine(folder, Path.GetFileName(library));
        Directory.CreateDirectory(folder);
        foreach (string neighbour in Directory.EnumerateFiles(Path.GetDirectoryName(Path.GetFullPath(library))!))
        {
            string name = Path.GetFileName(neighbour);
            if (name == Path.GetFileName(library) || !name.Contains(".so", StringComparison.Ordinal)) continue;
            string link = Path.Combine(folder, name);
            if (new FileInfo(link).LinkTarget != neighbour)
            {
                File.Delete(link);
                File.CreateSymbolicLink(link, neighbour);
            }
        }
        if (File.Exists(copy) && rewrite.Inspect(copy).Outcome == RewriteOutcome.AlreadyRewritten) return (copy, false);
        string temporary = $"{copy}.{Environment.ProcessId}.tmp";
        File.Copy(library, temporary, overwrite: true);
        try
        {
            if (rewrite.Apply(temporary).Outcome != RewriteOutcome.Rewritten)
                throw new IOException($"the copy of {library} could not be rewritten");
            File.Move(temporary, copy, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return (copy, true);
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

/// <summary>The library to load, and the sentence saying what the fix-up did (null when nothing was needed).</summary>
public sealed record NativeRepair(string LoadFrom, string? Note);

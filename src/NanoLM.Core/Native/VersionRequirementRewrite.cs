namespace NanoLM.Native;

/// <summary>What <see cref="VersionRequirementRewrite"/> found or did to one file.</summary>
public enum RewriteOutcome
{
    /// <summary>The file required the old version; it now requires the new one.</summary>
    Rewritten,
    /// <summary>The file already requires the new version in place of the old one (an earlier rewrite).</summary>
    AlreadyRewritten,
    /// <summary>The file never required the old version.</summary>
    NotNeeded,
    /// <summary>A relocation uses a symbol of the old version, so the rewrite would break the library; nothing changed.</summary>
    Refused,
}

/// <summary>The result of inspecting or rewriting one library.</summary>
public sealed record RewriteReport(string Path, RewriteOutcome Outcome, IReadOnlyList<string> Symbols, string Message);

/// <summary>
/// Renames one symbol-version requirement of a shared library (for example GLIBCXX_3.4.32 → GLIBCXX_3.4.30) when no
/// relocation uses a symbol of that version, so the dynamic loader accepts the library on an older libstdc++.
/// Only the vernaux name and hash change; code, symbols and sizes stay as they were.
/// </summary>
public sealed class VersionRequirementRewrite(string library, string fromVersion, string toVersion)
{
    /// <summary>libLibTorchSharp.so of TorchSharp 0.107 asks libstdc++ for GCC 13's version only to force iostream set-up.</summary>
    public static readonly VersionRequirementRewrite TorchSharpOnOlderLibstdcxx =
        new("libstdc++.so.6", "GLIBCXX_3.4.32", "GLIBCXX_3.4.30");

    /// <summary>The file name of the TorchSharp native library this rewrite is for.</summary>
    public const string TorchSharpNativeFileName = "libLibTorchSharp.so";

    public string Library => library;
    public string FromVersion => fromVersion;
    public string ToVersion => toVersion;

    /// <summary>Reports what <see cref="Apply"/> would do, without writing.</summary>
    public RewriteReport Inspect(string path) => Run(path, write: false);

    /// <summary>Rewrites the file in place when it needs it and it is safe; writes nothing otherwise.</summary>
    public RewriteReport Apply(string path) => Run(path, write: true);

    RewriteReport Run(string path, bool write)
    {
        if (fromVersion.Length != toVersion.Length)
            throw new InvalidOperationException($"'{fromVersion}' and '{toVersion}' must have the same length to be swapped in place.");

        var elf = new ElfFile(File.ReadAllBytes(path), path);
        var needs = elf.VersionNeeds().Where(n => n.Library == library).ToList();
        var stale = needs.Where(n => n.Version == fromVersion).ToList();
        if (stale.Count == 0)
        {
            // A linker lists each version of a library once, so a second entry of the new name comes from a rewrite.
            bool rewritten = needs.Any(n => n.Version == toVersion && n.Hash == ElfFile.Hash(toVersion))
                             && needs.Count(n => n.Version == toVersion) > 1;
            return rewritten
                ? new RewriteReport(path, RewriteOutcome.AlreadyRewritten, [],
                    $"{path}: already requires {toVersion} of {library} in place of {fromVersion}.")
                : new RewriteReport(path, RewriteOutcome.NotNeeded, [],
                    $"{path}: does not require {fromVersion} of {library}; left as it is.");
        }

        var symbols = stale.SelectMany(n => elf.SymbolsBoundTo(n.Index)).ToList();
        var relocated = stale.SelectMany(n => elf.RelocatedSymbolsBoundTo(n.Index)).ToList();
        if (relocated.Count > 0)
            return new RewriteReport(path, RewriteOutcome.Refused, relocated,
                $"{path}: not rewritten: relocations use {string.Join(", ", relocated)} of {fromVersion}, " +
                $"which {toVersion} does not provide.");

        if (write)
        {
            foreach (var need in stale)
            {
                elf.OverwriteString(need.NameOffset, toVersion);
                elf.WriteVersionHash(need.EntryOffset, ElfFile.Hash(toVersion));
            }
            WriteAtomically(path, elf.Bytes);
        }
        string unused = symbols.Count == 0 ? "no symbol" : string.Join(", ", symbols);
        return new RewriteReport(path, RewriteOutcome.Rewritten, symbols,
            $"{path}: {(write ? "rewrote" : "would rewrite")} the {fromVersion} requirement on {library} to {toVersion} " +
            $"(bound to it: {unused}; never relocated).");
    }

    // A half-written library would fail to load in a confusing way, so replace the file in one rename.
    static void WriteAtomically(string path, byte[] bytes)
    {
        string temporary = path + ".nanolm-tmp";
        File.WriteAllBytes(temporary, bytes);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        File.Move(temporary, path, overwrite: true);
    }
}

using System.Runtime.InteropServices;
using NanoLM.Native;

namespace NanoLM.Tests.Native;

public class VersionRequirementRewriteTests
{
    [GccFact]
    public void Library_that_fails_to_load_for_a_missing_version_loads_after_the_rewrite()
    {
        using var libraries = new VersionedLibraries();
        string copy = CopyOf(libraries.NamesOnly, "libnames-a.so");

        Assert.False(NativeLibrary.TryLoad(copy, out _), "the unrewritten library should not load against the old libdep.so");

        var report = VersionedLibraries.Rewrite.Apply(copy);

        Assert.Equal(RewriteOutcome.Rewritten, report.Outcome);
        Assert.Equal(["dep_marker"], report.Symbols);
        Assert.True(NativeLibrary.TryLoad(copy, out var handle));
        var userValue = Marshal.GetDelegateForFunctionPointer<IntFunction>(NativeLibrary.GetExport(handle, "user_value"));
        Assert.Equal(41, userValue());
    }

    [GccFact]
    public void Rewrite_changes_only_the_version_name_and_its_hash()
    {
        using var libraries = new VersionedLibraries();
        byte[] before = File.ReadAllBytes(libraries.NamesOnly);

        VersionedLibraries.Rewrite.Apply(libraries.NamesOnly);

        byte[] after = File.ReadAllBytes(libraries.NamesOnly);
        Assert.Equal(before.Length, after.Length);
        int changed = before.Zip(after).Count(pair => pair.First != pair.Second);
        Assert.InRange(changed, 1, 1 + 4); // one character of the name, and at most the four bytes of vna_hash
        var need = new ElfFile(after, "after").VersionNeeds().Where(n => n.Library == "libdep.so").ToList();
        Assert.All(need, n => Assert.Equal(ElfFile.Hash(n.Version), n.Hash));
        Assert.DoesNotContain(need, n => n.Version == "DEPV_2.0");
    }

    [GccFact]
    public void Second_rewrite_reports_already_rewritten_and_leaves_the_file_untouched()
    {
        using var libraries = new VersionedLibraries();
        VersionedLibraries.Rewrite.Apply(libraries.NamesOnly);
        byte[] once = File.ReadAllBytes(libraries.NamesOnly);

        var second = VersionedLibraries.Rewrite.Apply(libraries.NamesOnly);

        Assert.Equal(RewriteOutcome.AlreadyRewritten, second.Outcome);
        Assert.Equal(once, File.ReadAllBytes(libraries.NamesOnly));
    }

    [GccFact]
    public void Library_that_relocates_a_symbol_of_the_version_is_refused_and_unchanged()
    {
        using var libraries = new VersionedLibraries();
        byte[] before = File.ReadAllBytes(libraries.Calls);

        var report = VersionedLibraries.Rewrite.Apply(libraries.Calls);

        Assert.Equal(RewriteOutcome.Refused, report.Outcome);
        Assert.Contains("dep_marker", report.Message);
        Assert.Equal(before, File.ReadAllBytes(libraries.Calls));
    }

    [GccFact]
    public void Inspect_reports_without_writing()
    {
        using var libraries = new VersionedLibraries();
        byte[] before = File.ReadAllBytes(libraries.NamesOnly);

        Assert.Equal(RewriteOutcome.Rewritten, VersionedLibraries.Rewrite.Inspect(libraries.NamesOnly).Outcome);
        Assert.Equal(before, File.ReadAllBytes(libraries.NamesOnly));
    }

    [GccFact]
    public void Library_without_the_requirement_is_left_alone()
    {
        using var libraries = new VersionedLibraries();
        var unrelated = new VersionRequirementRewrite("libdep.so", "DEPV_9.0", "DEPV_1.0");

        Assert.Equal(RewriteOutcome.NotNeeded, unrelated.Apply(libraries.NamesOnly).Outcome);
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_rejected_with_its_name()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "not a library");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(path));
            Assert.Contains(path, error.Message);
        }
        finally { File.Delete(path); }
    }

    [GccFact]
    public void Rewriting_a_hard_link_replaces_the_link_and_leaves_the_file_it_shared_as_it_was()
    {
        // The repository's builds link NuGet's libraries into their outputs (CreateHardLinksForCopyLocalIfPossible):
        // rewriting one in place would rewrite NuGet's copy for every other build.
        using var libraries = new VersionedLibraries();
        string linked = Path.Combine(Path.GetDirectoryName(libraries.NamesOnly)!, "linked.so");
        Assert.Equal(0, link(libraries.NamesOnly, linked));
        byte[] before = File.ReadAllBytes(libraries.NamesOnly);

        Assert.Equal(RewriteOutcome.Rewritten, VersionedLibraries.Rewrite.Apply(linked).Outcome);

        Assert.Equal(before, File.ReadAllBytes(libraries.NamesOnly));
        Assert.NotEqual(before, File.ReadAllBytes(linked));
    }

    [DllImport("libc", SetLastError = true)]
    static extern int link(string existing, string newLink);

    [Theory]
    [InlineData("GLIBCXX_3.4.30", 0x0297f840u)]
    [InlineData("GLIBCXX_3.4.32", 0x0297f842u)]
    [InlineData("", 0u)]
    public void Elf_hash_matches_the_System_V_definition(string name, uint expected) =>
        Assert.Equal(expected, ElfFile.Hash(name));

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate int IntFunction();

    static string CopyOf(string path, string name)
    {
        string copy = Path.Combine(Path.GetDirectoryName(path)!, name);
        File.Copy(path, copy);
        return copy;
    }
}

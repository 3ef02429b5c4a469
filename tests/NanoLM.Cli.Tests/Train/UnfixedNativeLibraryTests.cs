using System.Runtime.InteropServices;
using NanoLM.Native;

namespace NanoLM.Tests.Train;

/// <summary>
/// A tool folder whose libLibTorchSharp.so is the package's original (a copied folder, an interrupted or concurrent
/// build): the load-time fix-up rewrites it, says so once, and doctor and training work.
/// </summary>
public sealed class UnfixedNativeLibraryTests : IDisposable
{
    readonly string tool = DotnetCli.NewTemporaryDirectory("nanolm-unfixed-tool");

    readonly string cache = DotnetCli.NewTemporaryDirectory("nanolm-native-cache");

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
            try { UnwritableFolderFactAttribute.Make(tool, writable: true); } catch (Exception) { }
        foreach (string folder in new[] { tool, cache })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void An_unfixed_library_beside_the_tool_is_fixed_at_load_and_training_works()
    {
        string library = ToolWithTheOriginalLibrary();
        string copiedTool = Path.Combine(tool, Path.GetFileName(DotnetCli.BuiltTool));
        using var experiment = new TinyExperiment();

        var doctor = DotnetCli.Run(experiment.Directory, copiedTool, "doctor");
        var train = DotnetCli.Run(experiment.Directory, copiedTool, "train", "--stage", "search");

        Assert.True(doctor.ExitCode == 0, doctor.Output);
        Assert.Contains($"note: the build's native fix-up had not reached {library}; rewrote its GLIBCXX_3.4.32 requirement", doctor.Output);
        Assert.Contains("applied at load time", doctor.Output);
        Assert.Equal(RewriteOutcome.AlreadyRewritten, VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(library).Outcome);
        Assert.True(train.ExitCode == 0, train.Output);
        Assert.DoesNotContain("native fix-up had not reached", train.Output);
    }

    [UnwritableFolderFact]
    public void An_unfixed_library_in_a_folder_that_cannot_be_written_is_loaded_from_a_fixed_private_copy()
    {
        string library = ToolWithTheOriginalLibrary();
        string copiedTool = Path.Combine(tool, Path.GetFileName(DotnetCli.BuiltTool));
        if (OperatingSystem.IsLinux()) UnwritableFolderFactAttribute.Make(tool, writable: false);
        using var experiment = new TinyExperiment();
        var environment = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache };

        var doctor = DotnetProcess.Run(experiment.Directory, environment, [copiedTool, "doctor"]);
        var train = DotnetProcess.Run(experiment.Directory, environment, [copiedTool, "train", "--stage", "search"]);

        Assert.True(doctor.ExitCode == 0, doctor.Output);
        Assert.Contains($"note: the build's native fix-up had not reached {library}, whose folder cannot be written; loaded a copy", doctor.Output);
        Assert.Contains("applied at load time to a private copy", doctor.Output);
        // The tool's own file is untouched; the copy under the cache is fixed and found again by the next command.
        Assert.Equal(RewriteOutcome.Rewritten, VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(library).Outcome);
        string copy = Assert.Single(Directory.GetFiles(Path.Combine(cache, "nanolm", "native"), VersionRequirementRewrite.TorchSharpNativeFileName, SearchOption.AllDirectories));
        Assert.Equal(RewriteOutcome.AlreadyRewritten, VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(copy).Outcome);
        Assert.True(train.ExitCode == 0, train.Output);
        Assert.DoesNotContain("native fix-up had not reached", train.Output);
        Assert.Contains("2 trained", train.Output);
    }

    /// <summary>The built tool in a folder of its own, with the package's original library in place of the fixed one.</summary>
    string ToolWithTheOriginalLibrary()
    {
        string built = Path.GetDirectoryName(DotnetCli.BuiltTool)!;
        // Hard links keep the 0.5 GB of libtorch from being copied; the library under test is a real copy of the original.
        foreach (string file in Directory.EnumerateFiles(built))
            if (Path.GetFileName(file) != VersionRequirementRewrite.TorchSharpNativeFileName)
                Link(file, Path.Combine(tool, Path.GetFileName(file)));
        string library = Path.Combine(tool, VersionRequirementRewrite.TorchSharpNativeFileName);
        File.Copy(OriginalFromPackageCache(), library);
        Assert.Equal(RewriteOutcome.Rewritten, VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(library).Outcome);
        return library;
    }

    static string OriginalFromPackageCache()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string original = Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", VersionRequirementRewrite.TorchSharpNativeFileName);
        return File.Exists(original) ? original : throw new FileNotFoundException("TorchSharp's native library is not in the package cache", original);
    }

    static void Link(string existing, string link)
    {
        if (LinkFile(existing, link) != 0) File.Copy(existing, link);
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    static extern int LinkFile(string existing, string link);
}

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

    public void Dispose()
    {
        try { Directory.Delete(tool, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void An_unfixed_library_beside_the_tool_is_fixed_at_load_and_training_works()
    {
        string built = Path.GetDirectoryName(DotnetCli.BuiltTool)!;
        // Hard links keep the 0.5 GB of libtorch from being copied; the library under test is a real copy of the original.
        foreach (string file in Directory.EnumerateFiles(built))
            if (Path.GetFileName(file) != VersionRequirementRewrite.TorchSharpNativeFileName)
                Link(file, Path.Combine(tool, Path.GetFileName(file)));
        string library = Path.Combine(tool, VersionRequirementRewrite.TorchSharpNativeFileName);
        File.Copy(OriginalFromPackageCache(), library);
        Assert.Equal(RewriteOutcome.Rewritten, VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(library).Outcome);
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

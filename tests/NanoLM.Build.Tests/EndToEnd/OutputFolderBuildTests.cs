using NanoLM.Native;

namespace NanoLM.Tests.EndToEnd;

/// <summary>
/// `dotnet build -o DIR` and `dotnet publish -o DIR` of the CLI from a tree that was never built: build's `-o` sends
/// every project's output to DIR, the native fix-up's task assembly included, and the fix-up must find it there;
/// publish's leaves the task assembly in its project's bin/.
/// </summary>
public sealed class OutputFolderBuildTests : IDisposable
{
    readonly string copy = Directory.CreateTempSubdirectory("nanolm-build-o-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(copy, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public void Build_with_an_output_folder_on_a_tree_never_built_runs_the_native_fix_up_there()
    {
        IntoFolderFromSources("build");
        Assert.False(Directory.Exists(Path.Combine(copy, "src", "NanoLM.Build", "bin")), "the task assembly was looked for in its own bin folder");
    }

    [Fact]
    public void Publish_with_an_output_folder_on_a_tree_never_built_runs_the_native_fix_up_there()
    {
        // -o marks the command line as it does for build, but publish leaves every project's output in its bin/.
        IntoFolderFromSources("publish");
    }

    // `dotnet VERB -c Release src/NanoLM.Cli -o DIR` on a copy of the sources; DIR must hold the tool and the rewritten library.
    void IntoFolderFromSources(string verb)
    {
        CopySources(RepositoryBuild.Root, copy);
        string output = Path.Combine(copy, "out");

        var result = Dotnet.Run(copy, new Dictionary<string, string> { ["NANOLM_BUILD_SLOT"] = "" },
            verb, "-c", "Release", Path.Combine("src", "NanoLM.Cli"), "-o", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "dotnet-nanolm.dll")), result.ToString());
        var native = VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx.Inspect(Path.Combine(output, VersionRequirementRewrite.TorchSharpNativeFileName));
        Assert.Equal(RewriteOutcome.AlreadyRewritten, native.Outcome);
    }

    // What a clone holds that a build reads: the solution's props, targets and package versions, src/ and the template
    // the CLI embeds; no bin/ or obj/ of any earlier build.
    static void CopySources(string root, string destination)
    {
        foreach (string file in Directory.EnumerateFiles(root).Where(f => Path.GetFileName(f) is var name && (name.StartsWith("Directory.") || name is "global.json" or "nuget.config" or "NuGet.Config")))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        CopyTree(Path.Combine(root, "src"), Path.Combine(destination, "src"));
        CopyTree(Path.Combine(root, "templates"), Path.Combine(destination, "templates"));
    }

    static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string folder in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(folder);
            if (name is "bin" or "obj" or ".nanolm" || name.StartsWith("bin.") || name.StartsWith("obj.")) continue;
            CopyTree(folder, Path.Combine(to, name));
        }
    }
}

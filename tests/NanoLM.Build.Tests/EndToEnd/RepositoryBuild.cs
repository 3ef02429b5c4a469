namespace NanoLM.Tests.EndToEnd;

/// <summary>
/// This test run's build of the repository: the configuration and NANOLM_BUILD_SLOT this assembly was built with
/// (read from its own output folder, bin[.slot]/Configuration/net10.0/), so child builds reuse that output.
/// </summary>
static class RepositoryBuild
{
    static readonly DirectoryInfo TargetFrameworkFolder = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Root { get; } = FindRoot();

    public static string Configuration => TargetFrameworkFolder.Parent!.Name;

    static string OutputFolder => TargetFrameworkFolder.Parent!.Parent!.Name;

    /// <summary>The slot of bin.SLOT, or empty for bin.</summary>
    public static string Slot => OutputFolder.StartsWith("bin.", StringComparison.Ordinal) ? OutputFolder["bin.".Length..] : "";

    public static string BuildTasksProject => Path.Combine(Root, "src", "NanoLM.Build", "NanoLM.Build.csproj");

    public static string ExperimentTemplate => Path.Combine(Root, "templates", "nanolm-experiment");

    /// <summary>The CLI as this run built it (a project reference of the tests); RID-specific, so it runs from its own folder.</summary>
    public static string Tool
    {
        get
        {
            string tool = Path.Combine(Root, "src", "NanoLM.Cli", OutputFolder, Configuration, "net10.0", "linux-x64", "dotnet-nanolm.dll");
            return File.Exists(tool) ? tool : throw new FileNotFoundException("the CLI's build output was not found", tool);
        }
    }

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Tool.sln"))) return directory.FullName;
        throw new InvalidOperationException("Tool.sln not found above " + AppContext.BaseDirectory);
    }
}

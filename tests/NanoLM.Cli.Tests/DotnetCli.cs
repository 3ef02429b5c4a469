namespace NanoLM.Tests;

/// <summary>Runs the real `dotnet` CLI, as a user would, for end-to-end tests of packs and templates.</summary>
public static class DotnetCli
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// dotnet-nanolm.dll in the CLI project's own output, built with this test project (same slot and configuration):
    /// the tool is RID-specific, so it runs from its own folder, where its native libraries lie flat.
    /// </summary>
    public static string BuiltTool
    {
        get
        {
            string testProject = Path.Combine(RepositoryRoot, "tests", "NanoLM.Cli.Tests");
            string outputBelowProject = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
            string tool = Path.Combine(RepositoryRoot, "src", "NanoLM.Cli", outputBelowProject, "linux-x64", "dotnet-nanolm.dll");
            return File.Exists(tool) ? tool : throw new FileNotFoundException("the CLI's build output was not found", tool);
        }
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
        DotnetProcess.Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public static string NewTemporaryDirectory(string prefix)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Tool.sln"))) return directory.FullName;
        throw new InvalidOperationException("Tool.sln not found above " + AppContext.BaseDirectory);
    }
}

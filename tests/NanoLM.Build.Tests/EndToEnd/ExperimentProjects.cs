namespace NanoLM.Tests.EndToEnd;

/// <summary>
/// What a user of the package has, in a temporary folder: NanoLM.Build packed from this run's build into a local
/// package source (beside the machine's usual sources, for the Microsoft.Build.NoTargets SDK), the template installed
/// into a private hive, and a private NuGet cache, so a repacked 0.1.0 is never shadowed by an older one.
/// </summary>
public sealed class ExperimentProjects : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "nanolm-build-e2e-" + Guid.NewGuid().ToString("N"));
    readonly Dictionary<string, string> environment;

    string Hive => Path.Combine(root, "hive");

    public ExperimentProjects()
    {
        Directory.CreateDirectory(root);
        environment = new()
        {
            ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages"),
            ["NANOLM_BUILD_SLOT"] = RepositoryBuild.Slot,
        };
        string packages = Path.Combine(root, "packages");
        Expect(Dotnet.Run(RepositoryBuild.Root, environment, "pack", RepositoryBuild.BuildTasksProject, "--no-build",
            "-c", RepositoryBuild.Configuration, "-o", packages));
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="nanolm-local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        Expect(Dotnet.Run(root, environment, "new", "install", RepositoryBuild.ExperimentTemplate, "--debug:custom-hive", Hive));
    }

    /// <summary>`dotnet new nanolm-experiment -n NAME` the first time a name is asked for; returns the experiment's folder.</summary>
    /// <remarks>Tests that give the same name share one experiment (and its restore): each must write what it relies on.</remarks>
    public string Create(string name)
    {
        string directory = Path.Combine(root, name);
        if (!Directory.Exists(directory))
            Expect(Dotnet.Run(root, environment, "new", "nanolm-experiment", "-n", name, "-o", directory, "--debug:custom-hive", Hive));
        return directory;
    }

    /// <summary>`dotnet build` in <paramref name="directory"/> with a plain, summary-free log at normal verbosity.</summary>
    public Dotnet.Result Build(string directory, params string[] arguments) => Build(directory, new Dictionary<string, string>(), arguments);

    /// <summary>The same, with <paramref name="variables"/> added to the build's environment.</summary>
    public Dotnet.Result Build(string directory, IReadOnlyDictionary<string, string> variables, params string[] arguments) =>
        Dotnet.Run(directory, environment.Concat(variables).ToDictionary(), ["build", "-tl:off", "-v:n", "-clp:NoSummary", .. arguments]);

    static void Expect(Dotnet.Result result) => Assert.True(result.ExitCode == 0, result.ToString());

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ExperimentProjectsCollection : ICollectionFixture<ExperimentProjects>
{
    public const string Name = "experiment projects";
}

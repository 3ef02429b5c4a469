using NanoLM.Cli.Commands;
using NanoLM.Spec;

namespace NanoLM.Tests.Examples;

/// <summary>
/// A copy of an example folder under a temporary root laid out like the repository (examples/NAME/…), its nanolm.yaml
/// shrunk to test size, so the README's repository-relative commands run unchanged once rebased onto the root.
/// </summary>
sealed class ExampleAtTestSize : IDisposable
{
    public string Root { get; } = DotnetCli.NewTemporaryDirectory("nanolm-example");
    public string Name { get; }
    public string Readme => Path.Combine(DotnetCli.RepositoryRoot, "examples", Name, "README.md");
    public string SpecPath => Path.Combine(Root, "examples", Name, SpecLoader.DefaultFileName);

    public ExampleAtTestSize(string name)
    {
        Name = name;
        string source = Path.Combine(DotnetCli.RepositoryRoot, "examples", name);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            // What the example's own commands make is made again here.
            if (relative.Split(Path.DirectorySeparatorChar)[0] is ".nanolm" or "shards") continue;
            string target = Path.Combine(Root, "examples", name, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var spec = SpecLoader.Load(Path.Combine(source, SpecLoader.DefaultFileName)).SpecOrThrow();
        File.WriteAllText(SpecPath, SpecWriter.ToYaml(QuickstartTestSize.Shrink(spec)));
    }

    /// <summary>The README's command with its repository-relative paths pointing into this copy.</summary>
    public string[] Rebase(string[] command) =>
        [.. command.Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(Root, a) : a)];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

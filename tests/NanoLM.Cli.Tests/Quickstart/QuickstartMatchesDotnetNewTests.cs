using NanoLM.Cli.Commands;
using NanoLM.Quickstart;
using NanoLM.Tests.Template;

namespace NanoLM.Tests.Quickstart;

/// <summary>The quickstart's folder is byte for byte what `dotnet new nanolm-experiment` makes with the same name and values.</summary>
public sealed class QuickstartMatchesDotnetNewTests(ExperimentTemplateTests.InstalledTemplate template) : IClassFixture<ExperimentTemplateTests.InstalledTemplate>, IDisposable
{
    readonly string root = DotnetCli.NewTemporaryDirectory("nanolm-scaffold");

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Scaffold_equals_dotnet_new_with_the_quickstart_design()
    {
        var design = QuickstartDesign.Default;
        string made = template.Create(design.Name, [.. design.SymbolValues.SelectMany(v => new[] { $"--{v.Key}", v.Value })]);

        var result = QuickstartScaffold.Write(root, QuickstartTemplate.Load(), design);

        Assert.Equal(Files(made), Files(root));
        Assert.Equal(Files(made), result.Written.Order(StringComparer.Ordinal));
        foreach (string file in Files(made))
            Assert.Equal(File.ReadAllBytes(Path.Combine(made, file)), File.ReadAllBytes(Path.Combine(root, file)));
    }

    static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Order(StringComparer.Ordinal).ToList();
}

using NanoLM.Cli.Commands;
using NanoLM.Quickstart;

namespace NanoLM.Tests.Quickstart;

/// <summary>The template as the quickstart applies it: read from template.json, embedded at build time, never overwriting.</summary>
public sealed class QuickstartTemplateTests : IDisposable
{
    readonly string root = DotnetCli.NewTemporaryDirectory("nanolm-scaffold");

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    static ExperimentTemplate Small(string text) => ExperimentTemplate.Read(
    [
        new TemplateFile(ExperimentTemplate.ConfigPath, """
            { "sourceName": "Proj", "symbols": {
                "size": { "type": "parameter", "replaces": "SIZE", "defaultValue": "3" },
                "mode": { "type": "parameter", "replaces": "MODE", "defaultValue": "a", "choices": [ { "choice": "a" }, { "choice": "b" } ] } } }
            """),
        new TemplateFile("Proj.txt", text),
    ]);

    [Fact]
    public void Instantiate_renames_the_source_name_and_replaces_symbols_in_one_pass()
    {
        // "SIZE" becomes "MODE", which must not then become the mode's value.
        var files = Small("Proj SIZE MODE").Instantiate("Demo", new Dictionary<string, string> { ["size"] = "MODE", ["mode"] = "b" });

        var file = Assert.Single(files);
        Assert.Equal("Demo.txt", file.Path);
        Assert.Equal("Demo MODE b", file.Text);
    }

    [Fact]
    public void A_regex_generated_symbol_rewrites_its_source_value_step_by_step()
    {
        var template = ExperimentTemplate.Read(
        [
            new TemplateFile(ExperimentTemplate.ConfigPath, """
                { "sourceName": "Proj", "symbols": {
                    "widths": { "type": "parameter", "replaces": "WIDTHS", "defaultValue": "16, 32" },
                    "first": { "type": "generated", "generator": "regex", "replaces": "FIRST",
                      "parameters": { "source": "widths", "steps": [ { "regex": "^\\s*([0-9]+).*$", "replacement": "$1" }, { "regex": "^", "replacement": "w" } ] } } } }
                """),
            new TemplateFile("Proj.txt", "[WIDTHS] FIRST"),
        ]);

        Assert.Equal("[16, 32] w16", template.Instantiate("Demo", new Dictionary<string, string>()).Single().Text);
        Assert.Equal("[ 64, 128] w64", template.Instantiate("Demo", new Dictionary<string, string> { ["widths"] = " 64, 128" }).Single().Text);
        Assert.Equal("first", Assert.Single(template.Generated).Name);
    }

    [Fact]
    public void Symbols_without_a_value_take_their_default()
    {
        var file = Small("SIZE MODE").Instantiate("Demo", new Dictionary<string, string>()).Single();

        Assert.Equal("3 a", file.Text);
    }

    [Fact]
    public void A_value_outside_the_choices_or_an_unknown_symbol_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Small("").Instantiate("Demo", new Dictionary<string, string> { ["mode"] = "c" }));
        Assert.Throws<ArgumentException>(() => Small("").Instantiate("Demo", new Dictionary<string, string> { ["colour"] = "red" }));
    }

    [Fact]
    public void Embedded_template_is_the_repository_template_folder()
    {
        string folder = Path.Combine(DotnetCli.RepositoryRoot, "templates", "nanolm-experiment");
        var onDisk = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Intersect(["bin", "obj", ".nanolm"]).Any())
            .Order(StringComparer.Ordinal).ToList();
        var embedded = QuickstartTemplate.Load();

        Assert.Equal(onDisk.Where(p => p != ExperimentTemplate.ConfigPath), embedded.Files.Select(f => f.Path));
        foreach (var file in embedded.Files)
            Assert.Equal(File.ReadAllText(Path.Combine(folder, file.Path)), file.Text);
        Assert.Equal(QuickstartDesign.Default.SymbolValues.Keys.Order(), embedded.Symbols.Select(s => s.Name).Order());
    }

    [Fact]
    public void Scaffold_writes_missing_files_and_keeps_existing_ones()
    {
        File.WriteAllText(Path.Combine(root, "nanolm.yaml"), "name: mine\n");

        var result = QuickstartScaffold.Write(root, QuickstartTemplate.Load(), QuickstartDesign.Default);

        Assert.True(result.KeptSpec);
        Assert.Equal(["nanolm.yaml"], result.Kept);
        Assert.Contains("README.md", result.Written);
        Assert.Equal("name: mine\n", File.ReadAllText(Path.Combine(root, "nanolm.yaml")));
    }
}

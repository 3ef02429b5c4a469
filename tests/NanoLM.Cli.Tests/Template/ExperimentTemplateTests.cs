using YamlDotNet.RepresentationModel;

namespace NanoLM.Tests.Template;

/// <summary>Packs the template, installs it into a private hive and instantiates it, as `dotnet new` users do.</summary>
public sealed class ExperimentTemplateTests : IClassFixture<ExperimentTemplateTests.InstalledTemplate>
{
    readonly InstalledTemplate template;

    public ExperimentTemplateTests(InstalledTemplate template) => this.template = template;

    [Fact]
    public void New_experiment_has_a_yaml_a_project_and_a_readme()
    {
        string directory = template.Create("MyExp");

        Assert.True(File.Exists(Path.Combine(directory, "nanolm.yaml")));
        Assert.True(File.Exists(Path.Combine(directory, "MyExp.csproj")));
        Assert.True(File.Exists(Path.Combine(directory, "README.md")));
        Assert.False(Directory.Exists(Path.Combine(directory, ".template.config")));
    }

    [Fact]
    public void Default_yaml_parses_and_carries_the_experiment_name_and_defaults()
    {
        var yaml = Load(template.Create("Defaults"));

        Assert.Equal("Defaults", Scalar(yaml, "name"));
        Assert.Equal("4800", Scalar(yaml, "train", "steps"));
        Assert.Equal("4800", Scalar(yaml, "search", "steps"));
        Assert.Equal("cpu", Scalar(yaml, "train", "device"));
        Assert.Equal("1", Scalar(yaml, "data", "seed"));
        Assert.Equal(["16", "24", "32", "48", "64"], Sequence(yaml, "ladder", "widths"));
        Assert.Equal("32", Scalar(yaml, "model", "base_width"));
        var target = (YamlMappingNode)((YamlSequenceNode)yaml.Children["targets"]).Children.Single();
        Assert.Equal("256", ((YamlScalarNode)target.Children["width"]).Value);
    }

    [Fact]
    public void Default_yaml_is_a_valid_spec_with_no_warnings()
    {
        var result = NanoLM.Spec.SpecLoader.Load(Path.Combine(template.Create("Valid"), "nanolm.yaml"));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Customised_yaml_is_a_valid_spec()
    {
        string directory = template.Create("Wider", "--widths", "32, 64, 128, 256", "--steps", "2000", "--target-width", "1024");
        var result = NanoLM.Spec.SpecLoader.Load(Path.Combine(directory, "nanolm.yaml"));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
    }

    [Fact]
    public void Symbols_set_widths_steps_device_target_and_seed()
    {
        var yaml = Load(template.Create("Custom", "--widths", "32, 64, 128", "--steps", "300", "--device", "cuda", "--target-width", "1024", "--seed", "7"));

        Assert.Equal(["32", "64", "128"], Sequence(yaml, "ladder", "widths"));
        Assert.Equal("32", Scalar(yaml, "model", "base_width"));
        Assert.Equal("32", Scalar(yaml, "search", "proxy_width"));
        Assert.Equal("300", Scalar(yaml, "train", "steps"));
        Assert.Equal("cuda", Scalar(yaml, "train", "device"));
        Assert.Equal("7", Scalar(yaml, "data", "seed"));
        var target = (YamlMappingNode)((YamlSequenceNode)yaml.Children["targets"]).Children[0];
        Assert.Equal("1024", ((YamlScalarNode)target.Children["width"]).Value);
    }

    [Fact]
    public void The_base_width_and_the_proxy_follow_the_narrowest_rung_but_stay_at_32_or_more()
    {
        var wide = Load(template.Create("Wide", "--widths", " 64, 128, 256"));
        var narrow = Load(template.Create("Narrow", "--widths", "16, 24, 32, 48, 64"));

        Assert.Equal("64", Scalar(wide, "model", "base_width"));
        Assert.Equal("64", Scalar(wide, "search", "proxy_width"));
        Assert.Equal("32", Scalar(narrow, "model", "base_width"));
        Assert.Equal("32", Scalar(narrow, "search", "proxy_width"));
    }

    [Fact]
    public void Unknown_device_is_refused_by_dotnet_new()
    {
        var (exitCode, output) = template.TryCreate("Bad", "--device", "tpu");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("tpu", output);
    }

    static YamlMappingNode Load(string directory)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(directory, "nanolm.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    static string? Scalar(YamlMappingNode root, params string[] path)
    {
        YamlNode node = root;
        foreach (string key in path) node = ((YamlMappingNode)node).Children[key];
        return ((YamlScalarNode)node).Value;
    }

    static string[] Sequence(YamlMappingNode root, params string[] path)
    {
        YamlNode node = root;
        foreach (string key in path) node = ((YamlMappingNode)node).Children[key];
        return ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToArray();
    }

    /// <summary>The template pack built from templates/ and installed once into a private hive for the class.</summary>
    public sealed class InstalledTemplate : IDisposable
    {
        readonly string root = DotnetCli.NewTemporaryDirectory("nanolm-template");
        string Hive => Path.Combine(root, "hive");

        public InstalledTemplate()
        {
            string packages = Path.Combine(root, "packages");
            var pack = DotnetCli.Run(DotnetCli.RepositoryRoot, "pack", "templates/NanoLM.Templates.csproj", "-c", "Release", "-o", packages);
            Assert.True(pack.ExitCode == 0, pack.Output);
            string package = Directory.GetFiles(packages, "NanoLM.Templates.*.nupkg").Single();
            var install = DotnetCli.Run(root, "new", "install", package, "--debug:custom-hive", Hive);
            Assert.True(install.ExitCode == 0, install.Output);
        }

        public string Create(string name, params string[] options)
        {
            var (exitCode, output) = TryCreate(name, options);
            Assert.True(exitCode == 0, output);
            return Path.Combine(root, "out", name);
        }

        public (int ExitCode, string Output) TryCreate(string name, params string[] options) =>
            DotnetCli.Run(root, ["new", "nanolm-experiment", "-n", name, "-o", Path.Combine(root, "out", name), "--debug:custom-hive", Hive, .. options]);

        public void Dispose()
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}

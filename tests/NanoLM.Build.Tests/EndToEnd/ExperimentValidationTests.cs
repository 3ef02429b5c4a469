namespace NanoLM.Tests.EndToEnd;

/// <summary>`dotnet build` of an experiment made by `dotnet new nanolm-experiment`: it validates nanolm.yaml and nothing else.</summary>
[Collection(ExperimentProjectsCollection.Name)]
public sealed class ExperimentValidationTests(ExperimentProjects projects)
{
    [Fact]
    public void Fresh_experiment_builds_and_compiles_nothing()
    {
        string experiment = projects.Create("Fresh");

        var build = projects.Build(experiment);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(": error ", build.Output);
        Assert.DoesNotContain(": warning ", build.Output);
        Assert.Empty(Directory.GetFiles(experiment, "*.dll", SearchOption.AllDirectories));
    }

    public static TheoryData<string, string, string, int, int> BrokenSpecs => new()
    {
        // description, nanolm.yaml, code, line, column of the mistake
        { "YAML syntax", "name: broken\nmodel: { depth: 1, head_dim: 8\n", "NLM0101", 3, 1 },
        { "unknown key", "name: broken\nmodle: { depth: 1 }\n", "NLM0103", 2, 1 },
        { "wrong type", "name: broken\nmodel: { depth: two }\n", "NLM0201", 2, 17 },
        { "out of range", "name: broken\ntrain: { steps: 0 }\n", "NLM0202", 2, 17 },
        { "inconsistent values", "name: broken\nmodel: { head_dim: 8 }\nladder: { widths: [32, 44, 64, 96] }\n", "NLM0301", 3, 24 },
    };

    [Theory]
    [MemberData(nameof(BrokenSpecs))]
    public void Broken_yaml_fails_the_build_with_its_code_on_its_line(string description, string yaml, string code, int line, int column)
    {
        string experiment = projects.Create("Broken");
        File.WriteAllText(Path.Combine(experiment, "nanolm.yaml"), yaml);

        var build = projects.Build(experiment);

        Assert.True(build.ExitCode != 0, $"{description}: {build}");
        // MSBuild prints an error where it happens and again under "Build FAILED"; it must be one error.
        string specFile = Path.Combine(experiment, "nanolm.yaml");
        var errors = build.Output.Split('\n').Where(l => l.Contains(": error ")).Select(l => l[l.IndexOf(specFile, StringComparison.Ordinal)..].Trim());
        string error = Assert.Single(errors.Distinct());
        Assert.StartsWith($"{specFile}({line},{column}): error {code}: ", error);
    }

    [Fact]
    public void Broken_yaml_stops_training_before_the_tool_is_looked_for()
    {
        string experiment = projects.Create("Broken");
        File.WriteAllText(Path.Combine(experiment, "nanolm.yaml"), "name: broken\nmodle: { depth: 1 }\n");

        var build = projects.Build(experiment, "-t:NanoLMTrain", "-p:NanoLMTool=no-such-nanolm.dll");

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains("error NLM0103", build.Output);
        Assert.DoesNotContain("NLM0011", build.Output);
        Assert.False(Directory.Exists(Path.Combine(experiment, ".nanolm")));
    }
}

using System.Text.RegularExpressions;
using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public partial class SpecDocumentationTests
{
    static string Reference()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "docs", "nanolm-yaml.md");
            if (File.Exists(candidate)) return File.ReadAllText(candidate);
        }
        throw new FileNotFoundException("docs/nanolm-yaml.md not found above the test assembly");
    }

    [Fact]
    public void The_example_in_the_reference_loads_without_diagnostics()
    {
        string example = YamlBlock().Match(Reference()).Groups[1].Value;
        var result = SpecLoader.Parse(example, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 });
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal("tiny-ladder", result.Spec!.Name);
    }

    [Fact]
    public void The_reference_lists_every_diagnostic_code()
    {
        string reference = Reference();
        var codes = typeof(DiagnosticCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.All(codes, code => Assert.Contains($"| {code} |", reference));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}

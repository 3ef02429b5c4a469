using System.Diagnostics;
using System.Text;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Quickstart;
using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

/// <summary>
/// Seeded mutations of what people write by hand (the template's nanolm.yaml, a fit CSV): truncations, stray brackets,
/// colons, quotes, tabs, indentation, control bytes, very long lines. Each must end in a result or in the tool's own
/// diagnostics, never in another exception, and quickly: a user's typo is not a crash or a hang.
/// </summary>
public sealed class InputFuzzTests : IDisposable
{
    const int SpecCases = 3000;
    const int CsvCases = 1000;
    static readonly TimeSpan PerCaseLimit = TimeSpan.FromSeconds(2);
    static readonly SpecLoadOptions PlentyOfMemory = new() { MemoryBudgetBytes = 64L << 30 };

    // Characters that break YAML or CSV structure, and bytes that are not printable.
    static readonly string Breakers = "[]{}:,\"'\t -#&*!|>%@`?\n\r\\\u0001\u0007\u001b\u007f\u00a0\u2028é";

    readonly string folder = Path.Combine(Path.GetTempPath(), "nanolm-fuzz-" + Guid.NewGuid().ToString("N"));

    public InputFuzzTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Mutated_template_specs_end_in_a_spec_or_diagnostics()
    {
        string template = TemplateSpec();
        var random = new Random(20261207);
        for (int i = 0; i < SpecCases; i++)
        {
            string mutated = Mutate(template, random);
            var clock = Stopwatch.StartNew();
            SpecLoadResult result;
            try
            {
                result = SpecLoader.Parse(mutated, "nanolm.yaml", PlentyOfMemory);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name}: {e.Message}\n--- input ---\n{mutated}");
                return;
            }
            Assert.True(clock.Elapsed < PerCaseLimit, $"case {i} took {clock.Elapsed}");
            Assert.True(result.Spec is not null || result.Diagnostics.Any(d => d.IsError), $"case {i}: no spec and no error");
            Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1, $"case {i}: {d} has no position"));
        }
    }

    [Fact]
    public void Mutated_fit_csvs_end_in_rows_or_a_user_error()
    {
        string[] sources =
        [
            File.ReadAllText(Path.Combine(PublishedTablesFolder(), "mu-scaling", "train_loss_20k.csv")),
            "run,step,lr,loss\n" + string.Concat(Enumerable.Range(1, 12).Select(s => $"a,{s * 50},0.001,{2.5 + 1.2 / Math.Sqrt(s):F4}\n")),
        ];
        var laws = new[] { ScalingLaws.Create(ScalingLaw.Power), ScalingLaws.Create(ScalingLaw.Annealing) };
        var random = new Random(7);
        string path = Path.Combine(folder, "table.csv");
        for (int i = 0; i < CsvCases; i++)
        {
            int source = i % sources.Length;
            string mutated = Mutate(sources[source], random);
            File.WriteAllText(path, mutated);
            var clock = Stopwatch.StartNew();
            try
            {
                FitCsv.Read(path, laws[source], lossRequired: true);
            }
            catch (UserError e)
            {
                Assert.StartsWith(path, e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name}: {e.Message}\n--- input ---\n{mutated}");
            }
            Assert.True(clock.Elapsed < PerCaseLimit, $"case {i} took {clock.Elapsed}");
        }
    }

    /// <summary>One to three edits, each of a kind a hand or a tool makes to a text file.</summary>
    static string Mutate(string text, Random random)
    {
        var s = new StringBuilder(text);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(s.Length + 1);
            switch (random.Next(8))
            {
                case 0: s.Length = at; break;
                case 1: s.Insert(at, Breakers[random.Next(Breakers.Length)]); break;
                case 2: if (at < s.Length) s.Remove(at, Math.Min(s.Length - at, random.Next(1, 12))); break;
                case 3: s.Insert(LineStart(s, at), new string(' ', random.Next(1, 5))); break;
                case 4:
                    int start = LineStart(s, at);
                    int spaces = 0;
                    while (start + spaces < s.Length && s[start + spaces] == ' ') spaces++;
                    s.Remove(start, Math.Min(spaces, random.Next(1, 5)));
                    break;
                case 5: s.Insert(at, new string((char)random.Next('0', 'z' + 1), random.Next(1_000, 20_000))); break;
                case 6:
                    int from = LineStart(s, at);
                    int end = s.ToString().IndexOf('\n', from);
                    string line = s.ToString(from, (end < 0 ? s.Length : end + 1) - from);
                    s.Insert(from, line);
                    break;
                default: s.Insert(at, string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => Breakers[random.Next(Breakers.Length)]))); break;
            }
        }
        return s.ToString();
    }

    static int LineStart(StringBuilder s, int at)
    {
        int i = Math.Min(at, s.Length);
        while (i > 0 && s[i - 1] != '\n') i--;
        return i;
    }

    static string TemplateSpec()
    {
        string root = RepositoryRoot();
        string folder = Path.Combine(root, "templates", "nanolm-experiment");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new TemplateFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)));
        string yaml = ExperimentTemplate.Read(files).Instantiate("fuzz", QuickstartDesign.Default.SymbolValues)
            .Single(f => f.Path == SpecLoader.DefaultFileName).Text;
        Assert.True(SpecLoader.Parse(yaml, "nanolm.yaml", PlentyOfMemory).Succeeded, "the template itself must load");
        return yaml;
    }

    static string PublishedTablesFolder() => Path.Combine(RepositoryRoot(), "examples", "fit-a-published-table");

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Tool.sln"))) return directory.FullName;
        throw new InvalidOperationException("Tool.sln not found above the test assembly");
    }
}

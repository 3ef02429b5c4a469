using System.Text.Json;
using NanoLM.Spec;

namespace NanoLM.Tests.Compare;

/// <summary>examples/design-comparison end to end, with its two nanolm.yaml files shrunk to train in seconds.</summary>
public sealed class CompareExampleTests : IDisposable
{
    readonly string _directory = DotnetCli.NewTemporaryDirectory("nanolm-compare");

    [Fact]
    public void Design_comparison_example_trains_both_families_and_compares_them()
    {
        string gpt = Shrunk("gpt"), llama = Shrunk("llama");
        foreach (string spec in new[] { gpt, llama })
        {
            var train = CliRun.Of("train", "-c", spec);
            Assert.True(train.ExitCode == 0, train.Output + train.Error);
            Assert.Contains("5 trained", train.Output);
        }

        string reportDirectory = Path.Combine(_directory, "report");
        var text = CliRun.Of("compare", gpt, llama, "--at", "params=2e5", "--at", "params=2_000_000", "--bootstrap", "100", "--out", reportDirectory);

        Assert.True(text.ExitCode == 0, text.Output + text.Error);
        Assert.Contains("A: gpt", text.Output);
        Assert.Contains("B: llama", text.Output);
        Assert.Contains("2,000,000", text.Output);
        Assert.Contains("all 4 rungs paired by width and seed", text.Output);
        Assert.Contains($"Report: {Path.Combine(reportDirectory, "report.html")}", text.Output);
        Assert.Contains("Design comparison", File.ReadAllText(Path.Combine(reportDirectory, "report.html")));

        var json = CliRun.Of("compare", gpt, llama, "--json", "--bootstrap", "100", "--out", reportDirectory);

        Assert.True(json.ExitCode == 0, json.Output + json.Error);
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.Equal("llama", root.GetProperty("b").GetProperty("family").GetString());
        Assert.Equal(4, root.GetProperty("a").GetProperty("ladder").GetArrayLength());
        // Llama's N counts SwiGLU's three matrices and RMSNorm gains, not GPT's: the same width is another size.
        Assert.NotEqual(root.GetProperty("a").GetProperty("ladder")[1].GetProperty("params").GetInt64(),
            root.GetProperty("b").GetProperty("ladder")[1].GetProperty("params").GetInt64());
        // Without --at, A's own target (width 256 in the example) is the size compared.
        var target = Assert.Single(root.GetProperty("targets").EnumerateArray());
        Assert.Equal(ModelSize.NonEmbeddingParameters(ModelFamily.Gpt, 256, 2), target.GetProperty("params").GetDouble());
        // At 8 steps a ladder may be a staircase whose law is degenerate: then that design predicts nothing and nothing is ranked.
        bool degenerateA = root.GetProperty("a").GetProperty("degenerate").ValueKind == JsonValueKind.String;
        bool degenerateB = root.GetProperty("b").GetProperty("degenerate").ValueKind == JsonValueKind.String;
        if (degenerateA || degenerateB)
        {
            Assert.Contains("No crossing and no ranking beyond the ladders", text.Output);
            Assert.Contains("degenerate fit", text.Output);
            Assert.Equal(JsonValueKind.Null, target.GetProperty("p_a_beats_b").ValueKind);
        }
        else
        {
            Assert.Contains("The fitted curves", text.Output);
            Assert.InRange(target.GetProperty("p_a_beats_b").GetDouble(), 0, 1);
        }
        foreach (var (design, degenerate) in new[] { ("a", degenerateA), ("b", degenerateB) })
        {
            var prediction = target.GetProperty(design);
            if (degenerate) Assert.Equal(JsonValueKind.Null, prediction.GetProperty("predicted").ValueKind);
            else Assert.True(prediction.GetProperty("lower").GetDouble() <= prediction.GetProperty("upper").GetDouble());
        }
        Assert.Equal(100, root.GetProperty("bootstrap").GetProperty("resamples").GetInt32());
        Assert.Equal(0.95, root.GetProperty("bootstrap").GetProperty("level").GetDouble());
        Assert.Equal("power", root.GetProperty("a").GetProperty("law").GetString());

        // Both examples set predict.law: power; --law fits the whole curves of both instead, as predict --law does,
        // and --level sets the intervals' level, as predict --level does.
        var curves = CliRun.Of("compare", gpt, llama, "--law", "chinchilla", "--level", "0.8", "--json", "--bootstrap", "20", "--out", reportDirectory);

        Assert.True(curves.ExitCode == 0, curves.Output + curves.Error);
        using var curvesDocument = JsonDocument.Parse(curves.Output);
        Assert.Equal(0.8, curvesDocument.RootElement.GetProperty("bootstrap").GetProperty("level").GetDouble());
        foreach (string design in new[] { "a", "b" })
        {
            Assert.Equal("chinchilla", curvesDocument.RootElement.GetProperty(design).GetProperty("law").GetString());
            Assert.True(curvesDocument.RootElement.GetProperty(design).GetProperty("parameters").TryGetProperty("beta", out _));
        }
    }

    [Fact]
    public void Compare_says_what_is_wrong_with_its_arguments()
    {
        string gpt = Shrunk("gpt");

        var missing = CliRun.Of("compare", gpt, Path.Combine(_directory, "nowhere.yaml"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("not found", missing.Error);

        var untrained = CliRun.Of("compare", gpt, gpt, "--at", "params=1e6");
        Assert.Equal(1, untrained.ExitCode);
        Assert.Contains("dotnet nanolm train", untrained.Error);

        var oneCurve = CliRun.Of("compare", gpt, gpt, "--law", "curve-annealing");
        Assert.Equal(2, oneCurve.ExitCode);
        Assert.Contains("power", oneCurve.Error);

        var byWidth = CliRun.Of("compare", gpt, gpt, "--at", "width=256");
        Assert.Equal(1, byWidth.ExitCode);
        Assert.Contains("params=N", byWidth.Error);
    }

    // The example's own nanolm.yaml with only its size cut: shorter context and training, narrower rungs; an evaluation
    // every other step leaves a whole-curve fit enough checkpoints.
    string Shrunk(string design)
    {
        string example = Path.Combine(DotnetCli.RepositoryRoot, "examples", "design-comparison", design, "nanolm.yaml");
        var spec = SpecLoader.Load(example).SpecOrThrow();
        spec = spec with
        {
            Model = spec.Model with { SeqLen = 16, BaseWidth = 16 },
            Train = spec.Train with { Batch = 2, Steps = 8, Warmup = 2, EvalInterval = 2, EvalBatches = 1, CheckpointInterval = 4, Threads = 1 },
            Search = spec.Search with { ProxyWidth = 16, Steps = 8, Grid = new SearchGrid { Lr = [0.01, 0.03] } },
            Ladder = spec.Ladder with { Widths = [16, 24, 32, 40] },
        };
        string folder = Path.Combine(_directory, design);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "nanolm.yaml");
        File.WriteAllText(path, SpecWriter.ToYaml(spec));
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

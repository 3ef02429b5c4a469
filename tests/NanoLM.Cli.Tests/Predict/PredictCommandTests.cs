using System.Text.Json.Nodes;
using NanoLM.Plan;

namespace NanoLM.Tests.Predict;

public sealed class PredictCommandTests : IDisposable
{
    internal const string Yaml = """
        name: predict-gate
        model: { depth: 2, head_dim: 8, seq_len: 16, base_width: 32 }
        train: { batch: 4, steps: 200, warmup: 10, eval_interval: 20 }
        search: { enabled: false }
        ladder: { widths: [32, 48, 64, 96, 128], seeds: 2 }
        targets:
          - width: 384
        predict: { law: power }
        """;

    readonly string directory = Directory.CreateTempSubdirectory("nanolm-predict-").FullName;
    string ConfigPath => Path.Combine(directory, "nanolm.yaml");

    void Ladder(Func<Trial, int, double> loss, string yaml = Yaml) => RecordedLadder.Write(directory, yaml, loss);

    // L = 1.2 + 40/N^0.35 + 30/D^0.3, moved by ±0.2 % per seed.
    internal static double Clean(Trial trial, int step) =>
        (1.2 + 40 * Math.Pow(trial.NonEmbeddingParameters, -0.35) + 30 * Math.Pow((double)step * trial.Settings.Batch * trial.Settings.SeqLen, -0.3))
        * (1 + 0.002 * (trial.Seed % 2 == 0 ? 1 : -1));

    // The clean ladder with a fiftieth of its size term: the width-384 target lands within seed noise of width 128.
    static double Weak(Trial trial, int step) =>
        (1.2 + 0.8 * Math.Pow(trial.NonEmbeddingParameters, -0.35) + 30 * Math.Pow((double)step * trial.Settings.Batch * trial.Settings.SeqLen, -0.3))
        * (1 + 0.002 * (trial.Seed % 2 == 0 ? 1 : -1));

    internal static double Staircase(Trial trial, int step) => trial.Width is 64 or 96 ? 1.1 * Clean(trial, step) : Clean(trial, step);

    [Fact]
    public void Clean_ladder_passes_the_gate_under_strict_and_json_carries_the_verdict()
    {
        Ladder(Clean);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--json", "--strict", "--bootstrap", "50");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal("single-step", (string)json["recipe"]!);
        Assert.True((bool)json["gate"]!["passed"]!);
        Assert.Equal("kept", (string)json["gate"]!["interval"]!);
        Assert.Equal(["monotonic", "residuals", "backtest", "identified"], json["gate"]!["checks"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public void Level_comes_from_predict_level_and_the_command_line_overrides_it()
    {
        Ladder(Clean, Yaml.Replace("predict: { law: power }", "predict: { law: power, level: 0.8 }"));

        var fromSpec = JsonNode.Parse(CliRun.Of("predict", "-c", ConfigPath, "--json", "--bootstrap", "50").Output)!;
        var fromCommandLine = JsonNode.Parse(CliRun.Of("predict", "-c", ConfigPath, "--json", "--bootstrap", "50", "--level", "0.95").Output)!;

        Assert.Equal(0.8, (double)fromSpec["level"]!);
        // One training's interval holds the expected loss's, which leaves out the target's own seed noise.
        var first = fromSpec["predictions"]![0]!;
        Assert.InRange((double)first["expected_lower"]!, (double)first["lower"]!, (double)first["predicted"]!);
        Assert.InRange((double)first["expected_upper"]!, (double)first["predicted"]!, (double)first["upper"]!);
        Assert.Equal(0.95, (double)fromCommandLine["level"]!);
        double Width(JsonNode json) => (double)json["predictions"]![0]!["upper"]! - (double)json["predictions"]![0]!["lower"]!;
        Assert.True(Width(fromSpec) < Width(fromCommandLine), $"80 %: {Width(fromSpec)}, 95 %: {Width(fromCommandLine)}");
    }

    [Fact]
    public void Json_carries_each_targets_gain_over_the_widest_rung_and_both_baselines()
    {
        Ladder(Clean);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--json", "--bootstrap", "50");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var json = JsonNode.Parse(run.Output)!;
        var ladder = json["ladder"]!.AsArray().Where(r => (int)r!["width"]! == 128).Select(r => (double)r!["loss"]!).ToList();
        var target = json["targets"]![0]!;
        var gain = target["gain_over_widest_rung"]!;
        Assert.Equal(128, (int)gain["widest_width"]!);
        Assert.Equal(ladder.Average(), (double)gain["widest_loss"]!, 12);
        Assert.Equal(1 - (double)json["predictions"]![0]!["predicted"]! / ladder.Average(), (double)gain["gain"]!, 12);
        Assert.True((double)gain["lower"]! > 0 && (double)gain["upper"]! > (double)gain["gain"]!);
        Assert.True((bool)gain["resolved"]!);
        Assert.Equal(ladder.Average(), (double)target["baselines"]!["widest_rung"]!, 12);
        Assert.True((double)target["baselines"]!["log_linear"]! < ladder.Average());
        Assert.Null(json["gate"]!["signal"]);
    }

    [Fact]
    public void A_ladder_that_cannot_tell_the_target_from_its_widest_rung_says_so_first_and_passes_strict()
    {
        Ladder(Weak);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--strict", "--bootstrap", "50");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        string[] lines = run.Output.Split('\n');
        int signal = Array.FindIndex(lines, l => l.StartsWith("The ladder cannot tell the target from its widest rung"));
        int gate = Array.FindIndex(lines, l => l.StartsWith("Fit quality:"));
        Assert.True(signal >= 0 && signal < gate, run.Output);
        Assert.DoesNotContain("FAILED", run.Output);
        Assert.Contains("gain over the widest rung (width 128", run.Output);
    }

    [Fact]
    public void One_seed_per_width_leaves_the_parameter_intervals_out_and_says_why()
    {
        Ladder(Clean, Yaml.Replace("seeds: 2", "seeds: 1"));

        var json = JsonNode.Parse(CliRun.Of("predict", "-c", ConfigPath, "--json", "--bootstrap", "50").Output)!;
        var text = CliRun.Of("predict", "-c", ConfigPath, "--bootstrap", "50");

        Assert.Null(json["intervals"]);
        Assert.Contains("one seed per width", (string)json["intervals_withheld"]!);
        Assert.Contains("note: no parameter intervals with one seed per width", text.Output);
        Assert.DoesNotContain("resamples)", text.Output);
    }

    [Fact]
    public void Two_seeds_per_width_show_the_parameter_intervals()
    {
        Ladder(Clean);

        var json = JsonNode.Parse(CliRun.Of("predict", "-c", ConfigPath, "--json", "--bootstrap", "50").Output)!;

        Assert.Equal(["E", "A", "alpha"], json["intervals"]!.AsObject().Select(p => p.Key));
        Assert.Null(json["intervals_withheld"]);
    }

    [Fact]
    public void Staircase_ladder_under_strict_prints_the_fit_then_exits_1_with_the_sentence()
    {
        Ladder(Staircase);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--json", "--strict", "--bootstrap", "20");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Output)!;
        Assert.False((bool)json["gate"]!["passed"]!);
        Assert.Equal("withheld", (string)json["gate"]!["interval"]!);
        Assert.Null(json["predictions"]![0]!["lower"]);
        Assert.Contains("--strict", run.Error);
        Assert.Contains("not a power law: width 64", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Staircase_ladder_without_strict_warns_in_one_sentence_and_says_there_is_no_interval()
    {
        Ladder(Staircase);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--bootstrap", "0");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("monotonic FAILED", run.Output);
        Assert.Contains("warning: The ladder is not a power law: width 64", run.Output);
        Assert.Contains("No interval:", run.Output);
    }

    [Fact]
    public void Law_option_switches_to_the_whole_curve_fit_from_the_given_burn_in()
    {
        Ladder(Clean);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--json", "--law", "chinchilla", "--burn-in", "100", "--bootstrap", "20");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var json = JsonNode.Parse(run.Output)!;
        Assert.Equal("whole-curve", (string)json["recipe"]!);
        Assert.Equal("chinchilla", (string)json["law"]!);
        Assert.Equal(100, (int)json["burn_in"]!);
        Assert.Equal(10 * 6, (int)json["points"]!);
        Assert.True((bool)json["gate"]!["passed"]!, json["gate"]!.ToJsonString());
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("200")]
    public void Burn_in_that_is_not_auto_or_a_step_before_the_end_is_a_user_error(string burnIn)
    {
        Ladder(Clean);

        var run = CliRun.Of("predict", "-c", ConfigPath, "--law", "chinchilla", "--burn-in", burnIn);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--burn-in '{burnIn}' must be auto or a step from 0 to 199", run.Error);
    }

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
    }
}

using System.Text.Json.Nodes;
using NanoLM.Cli;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using Spectre.Console;

namespace NanoLM.Tests.Fit;

[Collection("Console")]
public sealed class FitCommandTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("nanolm-fit-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static string Example(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Tool.sln")))
                return Path.Combine([directory.FullName, "examples", "fit-a-published-table", .. parts]);
        throw new InvalidOperationException("Tool.sln not found above the test assembly");
    }

    static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        var error = new StringWriter();
        var previousError = Console.Error;
        Console.SetError(error);
        try
        {
            int exitCode = CliApp.Run(args, console);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetError(previousError);
        }
    }

    [Fact]
    public void Fit_json_has_the_designed_shape()
    {
        var (exitCode, output, _) = Run("fit", Example("mu-scaling", "train_loss_20k.csv"), "--law", "power", "--bootstrap", "50", "--seed", "3", "--json");

        Assert.Equal(0, exitCode);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["law", "fitter", "points", "objective", "parameters", "level", "intervals", "predictions"], json.Select(p => p.Key));
        Assert.Equal(0.95, (double)json["level"]!);
        Assert.Equal("power", (string?)json["law"]);
        Assert.Equal("lm", (string?)json["fitter"]);
        Assert.Equal(7, (int?)json["points"]);
        Assert.Equal(2.4694, (double)json["parameters"]!["A"]!, 1e-3);
        Assert.Equal(["E", "A", "alpha"], json["intervals"]!.AsObject().Select(p => p.Key));
        Assert.Equal(2, json["intervals"]!["E"]!.AsArray().Count);
        var first = json["predictions"]![0]!.AsObject();
        Assert.Equal(["params", "loss", "predicted", "lower", "upper", "relative_error"], first.Select(p => p.Key));
        Assert.Equal(0.0029, (double)first["relative_error"]!, 1e-4);
    }

    [Fact]
    public void Level_narrows_the_intervals_and_an_impossible_level_is_a_usage_error()
    {
        string csv = Example("mu-scaling", "train_loss_20k.csv");
        JsonObject Fit(string level) => JsonNode.Parse(Run("fit", csv, "--law", "power", "--bootstrap", "50", "--seed", "3", "--json", "--level", level).Out)!.AsObject();
        var (at95, at80) = (Fit("0.95"), Fit("0.8"));

        Assert.Equal(0.8, (double)at80["level"]!);
        double Width(JsonObject json) => (double)json["intervals"]!["alpha"]![1]! - (double)json["intervals"]!["alpha"]![0]!;
        Assert.True(Width(at80) < Width(at95), $"80 %: {Width(at80)}, 95 %: {Width(at95)}");

        var (exitCode, _, error) = Run("fit", csv, "--law", "power", "--level", "95");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("--level must be from 0.5 to 0.99, such as 0.9 for 90 % intervals, not 95", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Fit_json_without_bootstrap_has_no_intervals_and_predicts_another_file()
    {
        string targets = Path.Combine(folder, "targets.csv");
        File.WriteAllText(targets, "params\n3000\n");

        var (exitCode, output, _) = Run("fit", Example("mu-scaling", "train_loss_20k.csv"), "--law", "power", "--predict", targets, "--json");

        Assert.Equal(0, exitCode);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.False(json.ContainsKey("intervals"));
        Assert.False(json.ContainsKey("level"));
        var last = json["predictions"]!.AsArray()[^1]!.AsObject();
        Assert.Equal(["params", "predicted"], last.Select(p => p.Key));
    }

    [Fact]
    public void Fit_prints_parameters_predictions_and_backtest_tables()
    {
        var (exitCode, output, _) = Run("fit", Example("mu-scaling", "train_loss_20k.csv"), "--law", "power");

        Assert.Equal(0, exitCode);
        Assert.Contains("2.4694", output);
        Assert.Contains("+0.29%", output);
        Assert.Contains("Backtest", output);
    }

    [Fact]
    public void Annealing_json_names_run_and_step()
    {
        string curves = Path.Combine(folder, "curves.csv");
        var lines = new List<string> { "run,step,lr,loss" };
        for (int step = 50; step <= 1000; step += 50)
            lines.Add($"a,{step},0.001,{2.5 + 1.2 * Math.Pow(step * 0.001, -0.5):R}");
        File.WriteAllLines(curves, lines);

        var (exitCode, output, error) = Run("fit", curves, "--law", "curve-annealing", "--predict", curves, "--json");

        Assert.True(exitCode == 0, error);
        var first = JsonNode.Parse(output)!["predictions"]![0]!.AsObject();
        Assert.Equal("a", (string?)first["run"]);
        Assert.Equal(50, (long?)first["step"]);
    }

    [Fact]
    public void Annealing_fits_the_curves_of_several_sizes_and_predicts_a_larger_one()
    {
        // Curves drawn from E + A/N^α + B·S1^(−β) − C·S2 under a linear decay; the widest run is held out.
        long[] steps = [.. Enumerable.Range(1, 20).Select(i => 100L * i)];
        double[] rates = [.. steps.Select(s => 1e-3 - 9e-4 * (s - 100) / 1900.0)];
        var areas = LearningRateAreas.Compute(steps, rates);
        double Law(double n, int i) => 1.5 + 30 * Math.Pow(n, -0.3) + 1.0 * Math.Pow(areas[i].LrArea, -0.5) - 0.5 * areas[i].AnnealingArea;
        string curves = Path.Combine(folder, "ladder-curves.csv");
        var lines = new List<string> { "run,params,step,lr,loss,role" };
        foreach (double n in new[] { 1e6, 2e6, 4e6, 8e6, 3.2e7 })
            for (int i = 0; i < steps.Length; i++)
                lines.Add(FormattableString.Invariant($"n{n:E0},{n:R},{steps[i]},{rates[i]:R},{Law(n, i):R},{(n > 1e7 ? "holdout" : "fit")}"));
        File.WriteAllLines(curves, lines);

        var (exitCode, output, error) = Run("fit", curves, "--law", "annealing", "--json");

        Assert.True(exitCode == 0, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("annealing", (string?)json["law"]);
        var last = json["predictions"]!.AsArray().Single(p => (long?)p!["step"] == 2000)!;
        Assert.Equal(Law(3.2e7, steps.Length - 1), (double)last["predicted"]!, Law(3.2e7, steps.Length - 1) * 0.005);
    }

    [Fact]
    public void Choices_are_typed_options_written_as_nanolm_yaml_writes_them()
    {
        string table = Example("mu-scaling", "train_loss_20k.csv");

        var unknown = Run("fit", table, "--law", "kaplan");
        var byFlops = Run("fit", table, "--law", "power", "--x", "flops");
        var help = Run("fit", "--help");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'kaplan' is not a choice of --law; choose one of power, chinchilla, annealing, curve-annealing", unknown.Error);
        // The table has no compute column, so a power law over flops is refused for the column it lacks.
        Assert.Equal(1, byFlops.ExitCode);
        Assert.Contains("flops", byFlops.Error);
        Assert.Contains("--x <params|flops|tokens>", help.Out);
        Assert.Contains("[default: params]", help.Out);
    }

    [Fact]
    public void Bad_csv_exits_1_with_file_and_line()
    {
        string bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, "params,loss\n8.5,3.9\nabc,3.6\n21.5,3.5\n");

        var (exitCode, _, error) = Run("fit", bad, "--law", "power");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{bad}:3:", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Binary_file_is_not_a_csv_and_its_bytes_are_not_echoed()
    {
        string binary = Path.Combine(folder, "model.bin");
        File.WriteAllBytes(binary, [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0x1B, (byte)'[', (byte)'2', (byte)'J']);

        var (exitCode, _, error) = Run("fit", binary, "--law", "power");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{binary}:1: not a CSV text file: a NUL byte at byte 7", error);
        Assert.DoesNotContain("ELF", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Missing_file_exits_1()
    {
        var (exitCode, _, error) = Run("fit", Path.Combine(folder, "none.csv"), "--law", "power");

        Assert.Equal(1, exitCode);
        Assert.Contains("none.csv: file not found", error);
    }

    [Fact]
    public void Unknown_option_exits_2()
    {
        var (exitCode, _, _) = Run("fit", Example("mu-scaling", "train_loss_20k.csv"), "--law", "power", "--frobnicate");

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void Unknown_law_exits_2()
    {
        var (exitCode, _, _) = Run("fit", Example("mu-scaling", "train_loss_20k.csv"), "--law", "kaplan");

        Assert.Equal(2, exitCode);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using NanoLM.Cli.Commands;
using NanoLM.Predictions;
using NanoLM.Quickstart;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Tests.Quickstart;

/// <summary>`dotnet nanolm quickstart --test-size`: the whole quickstart, with the ladder shrunk to train in seconds.</summary>
public sealed partial class QuickstartCommandTests : IDisposable
{
    readonly string root = DotnetCli.NewTemporaryDirectory("nanolm-quickstart");
    string Folder => Path.Combine(root, "demo");
    string SpecPath => Path.Combine(Folder, SpecLoader.DefaultFileName);

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Quickstart_writes_the_template_files_trains_and_prints_the_prediction_the_store_gives()
    {
        var run = CliRun.Of("quickstart", "--dir", Folder, "--test-size");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var expected = QuickstartTemplate.Load().Instantiate(QuickstartDesign.Default.Name, QuickstartDesign.Default.SymbolValues);
        Assert.Equal(expected.Select(f => f.Path).Order(StringComparer.Ordinal),
            Directory.GetFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in expected)
            Assert.Equal(file.Text, File.ReadAllText(Path.Combine(Folder, file.Path)));
        string yaml = File.ReadAllText(SpecPath);
        foreach (string placeholder in new[] { "NanoLMExperiment", "LADDER_WIDTHS", "987654", "876543", "765432", "TRAINING_DEVICE" })
            Assert.DoesNotContain(placeholder, yaml);
        Assert.Contains($"[{string.Join(", ", QuickstartDesign.Default.Widths)}]", yaml);

        var printed = PredictionLine().Match(run.Output);
        Assert.True(printed.Success, run.Output);
        var expectedPrediction = PredictFromStore();
        var target = expectedPrediction.Outcome.Predictions[0];
        Assert.Equal(Format(target.Predicted), printed.Groups["predicted"].Value);
        Assert.Equal(target.HasInterval, printed.Groups["lower"].Success);
        if (target.HasInterval)
        {
            Assert.Equal(Format(target.Lower), printed.Groups["lower"].Value);
            Assert.Equal(Format(target.Upper), printed.Groups["upper"].Value);
            var mean = expectedPrediction.Expected[0];
            Assert.Contains($"The expected loss (the mean over many trainings): [{Format(mean.Lower)}, {Format(mean.Upper)}]; the interval above is for one training", run.Output);
            Assert.True(target.Lower <= mean.Lower && mean.Upper <= target.Upper);
        }
        Assert.True(double.Parse(printed.Groups["ratio"].Value, CultureInfo.InvariantCulture) >= 8, "the target must be at least 8× the widest rung");
        Assert.Contains("Backtest: refitted without the widest rung, the law predicted its held-out loss with mean |error|", run.Output);
        Assert.Contains("Proxy cost: search + ladder used", run.Output);
        // A failed gate says first what to change (Spectre wraps long lines, hence the flattened output).
        var gate = expectedPrediction.Gate!;
        string flat = Regex.Replace(run.Output, @"\s+", " ");
        if (gate.Passed) Assert.Contains("Fit-quality gate: passed (", flat);
        else Assert.Contains($"Fit-quality gate: failed. {Regex.Replace(gate.Sentence!, @"\s+", " ")} Checks: ", flat);
        // Parameters on a bound are named, as predict names them.
        var identified = gate.Checks.Single(c => c.Name == "identified");
        if (identified.Passed) Assert.DoesNotContain("Not pinned by the ladder", run.Output);
        else Assert.Contains($"Not pinned by the ladder: {identified.Detail}.", run.Output);
        Assert.True(File.Exists(Path.Combine(Folder, ".nanolm", "report", "report.html")));
        Assert.Contains("--verify", run.Output);
    }

    [Fact]
    public void A_failed_gate_says_first_what_to_change_and_then_its_checks()
    {
        // A ladder already in the store whose widths 64 and 96 lie 10 % above the law: nothing trains, and the gate fails.
        Directory.CreateDirectory(Folder);
        RecordedLadder.Write(Folder, Predict.PredictCommandTests.Yaml, Predict.PredictCommandTests.Staircase);

        var run = CliRun.Of("quickstart", "--dir", Folder);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("0 trained, 10 already finished", run.Output);
        string flat = Regex.Replace(run.Output, @"\s+", " ");
        Assert.Contains("Fit-quality gate: failed. The ladder is not a power law: width 64", flat);
        Assert.Matches(@"Fit-quality gate: failed\. [^\n]*?add seeds \(ladder\.seeds\)[^\n]*? Checks: [a-z ,]*monotonic FAILED", flat);
        Assert.DoesNotContain("warning: The ladder", run.Output);
    }

    [Fact]
    public void Second_quickstart_keeps_an_edited_yaml_trains_nothing_and_verify_trains_only_the_target()
    {
        var first = CliRun.Of("quickstart", "--dir", Folder, "--test-size");
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        File.AppendAllText(SpecPath, "# my own note\n");

        var second = CliRun.Of("quickstart", "--dir", Folder, "--test-size");

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Using the nanolm.yaml already in", second.Output);
        Assert.EndsWith("# my own note\n", File.ReadAllText(SpecPath));
        Assert.Contains("0 trained, 5 already finished", second.Output);
        Assert.Equal(PredictionLine().Match(first.Output).Value, PredictionLine().Match(second.Output).Value);

        var verified = CliRun.Of("quickstart", "--dir", Folder, "--test-size", "--verify");

        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("1 trained, 5 already finished", verified.Output);
        var measured = MeasuredLine().Match(verified.Output);
        Assert.True(measured.Success, verified.Output);
        using var store = RunStore.OpenExisting(Path.Combine(Folder, ".nanolm", "store.db"));
        var target = Plan.PlanBuilder.Build(VerifiedSpec(), store.CompletedValidationLosses()).TargetTrials.Single();
        double targetLoss = store.FindRun(target.Identity.Hash)!.FinalValidationLoss!.Value;
        Assert.Equal(Format(targetLoss), measured.Groups["measured"].Value);
        double predicted = double.Parse(PredictionLine().Match(verified.Output).Groups["predicted"].Value, CultureInfo.InvariantCulture);
        Assert.Equal($"{(predicted - targetLoss) / targetLoss:+0.00%;-0.00%}", measured.Groups["error"].Value);
    }

    [Fact]
    public void Quickstart_help_does_not_show_the_test_size_option()
    {
        var run = CliRun.Of("quickstart", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--dir", run.Output);
        Assert.Contains("--verify", run.Output);
        Assert.DoesNotContain("--test-size", run.Output);
    }

    ExperimentPrediction PredictFromStore()
    {
        var spec = QuickstartTestSize.Shrink(SpecLoader.Load(SpecPath).SpecOrThrow());
        using var store = RunStore.OpenExisting(Path.Combine(Folder, ".nanolm", "store.db"));
        return ExperimentPredictor.Predict(spec, store, ExperimentPredictor.DefaultOptions(ExperimentData.OracleLoss(spec, Folder)));
    }

    ExperimentSpec VerifiedSpec()
    {
        var spec = QuickstartTestSize.Shrink(SpecLoader.Load(SpecPath).SpecOrThrow());
        return spec with { Targets = [.. spec.Targets.Select(t => t with { Verify = true })] };
    }

    static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Predicted loss of width \d+ \([\d,]+ parameters, (?<ratio>[\d.]+)× the widest rung\): (?<predicted>\d\.\d{4})(, (95 % )?interval \[(?<lower>\d\.\d{4}), (?<upper>\d\.\d{4})\]( \(widened by the fit-quality gate\))?| \(no interval: the fit-quality gate failed\))?\r?\n")]
    private static partial Regex PredictionLine();

    [GeneratedRegex(@"Measured \(trained with --verify\): (?<measured>\d\.\d{4}); the prediction is off by (?<error>[+-]\d+\.\d\d%)")]
    private static partial Regex MeasuredLine();
}

using System.CommandLine;
using System.Globalization;
using NanoLM.Compare;
using NanoLM.Fitting;
using NanoLM.Report;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using Spectre.Console;
using CompareOptions = NanoLM.Compare.CompareOptions;
using TableColumn = Spectre.Console.TableColumn;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm compare A/nanolm.yaml B/nanolm.yaml`: fit both ladders and compare the designs' predicted losses at larger sizes.</summary>
public static class CompareCommand
{
    // Under .nanolm/, which git already ignores; in the current folder, since a comparison belongs to neither experiment.
    public static readonly string DefaultOutput = Path.Combine(".nanolm", "compare");

    public static Command Create(IAnsiConsole console)
    {
        var first = new Argument<string>("A") { Description = "The first design's nanolm.yaml (its store is .nanolm/store.db beside it)." };
        var second = new Argument<string>("B") { Description = "The second design's nanolm.yaml." };
        var at = new Option<string[]>("--at") { HelpName = "params=N", Description = "A size to compare at, in non-embedding parameters (repeatable; default: A's targets, else B's).", AllowMultipleArgumentsPerToken = false };
        var bootstrap = new Option<int>("--bootstrap") { HelpName = "N", Description = "Paired bootstrap refits of both ladders.", DefaultValueFactory = _ => PredictDefaults.Bootstrap };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the bootstrap.", DefaultValueFactory = _ => PredictDefaults.BootstrapSeed };
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "Where to write report.html, report.md and the plot (relative to the current folder).", DefaultValueFactory = _ => DefaultOutput };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var level = LevelOption.Create("A's predict.level");
        var law = ChoiceOption.Optional("--law",
            "The law fitted to both ladders, and so the recipe, as in predict (default: the experiments' predict.law, which must agree).", PredictSpec.Laws);
        var command = new Command("compare", "Fit two experiments' ladders and compare the designs: predicted loss of each at larger sizes, with intervals, the probability that A beats B, and where the curves cross.")
        {
            first, second, at, law, bootstrap, seed, level, output, json,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(bootstrap) < 0) throw new UserError("--bootstrap must be zero or more");
            var sizes = (parsed.GetValue(at) ?? []).Select(ParseSize).ToList();
            var (a, b) = ReadBoth(parsed.GetValue(first)!, parsed.GetValue(second)!, parsed.GetValue(law));
            // By default A's targets (B's when A has none): the same target width is a slightly different N in each family.
            if (sizes.Count == 0) sizes = [.. (a.TargetParams.Count > 0 ? a.TargetParams : b.TargetParams).Select(n => (double)n)];
            if (sizes.Count == 0) throw new UserError("neither experiment has targets; pass --at params=N");

            var comparison = DesignComparer.Compare(a, b, sizes, new CompareOptions(parsed.GetValue(bootstrap), parsed.GetValue(seed), parsed.GetValue(level) ?? a.Spec.Predict.Level));
            var report = CompareReport.Write(comparison, Path.GetFullPath(parsed.GetValue(output)!));
            if (parsed.GetValue(json))
                console.Profile.Out.Writer.WriteLine(CompareJson.Create(comparison, report.HtmlPath).ToJsonString(FitJson.Options));
            else
            {
                Write(console, comparison);
                console.WriteLine($"Report: {report.HtmlPath}");
            }
            return CliApp.Success;
        });
        return command;
    }

    static double ParseSize(string text)
    {
        string[] parts = text.Split('=', 2);
        if (parts.Length == 2 && parts[0] == "params"
            && double.TryParse(parts[1].Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value))
            return value;
        if (parts[0] == "width")
            throw new UserError($"--at '{text}': a width means different sizes in different families; give params=N (non-embedding parameters)");
        throw new UserError($"--at '{text}' is not params=N with a positive number");
    }

    // Each experiment keeps its own store beside its nanolm.yaml; the labels are the experiments' names, or A and B when those agree.
    static (ComparedLadder A, ComparedLadder B) ReadBoth(string pathA, string pathB, ScalingLaw? law)
    {
        var specA = ExperimentOptions.LoadSpec(pathA);
        var specB = ExperimentOptions.LoadSpec(pathB);
        bool sameName = specA.Name == specB.Name;
        return (Read(specA, pathA, sameName ? "A" : null, law), Read(specB, pathB, sameName ? "B" : null, law));
    }

    static ComparedLadder Read(ExperimentSpec spec, string path, string? label, ScalingLaw? law)
    {
        using var store = ExperimentOptions.OpenExistingNamingShards(StoreLocation.Resolve(null, path));
        // The corpus is generated only when its oracle loss would be used, as predict does.
        double? oracle = spec.Predict.LossFloor == LossFloor.Oracle ? ExperimentData.OracleLoss(spec, Path.GetDirectoryName(Path.GetFullPath(path))!) : null;
        return ComparedLadder.Read(spec, path, store, label, oracle, law);
    }

    static void Write(IAnsiConsole console, DesignComparison comparison)
    {
        string unit = CompareReport.LossUnit(comparison.A.Ladder.Spec);
        var fits = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{comparison.A.Fit.Law.Formula}, N non-embedding parameters, loss in {unit}"))
            .AddColumn("design").AddColumn("family").AddColumn(new TableColumn("rungs").RightAligned()).AddColumn(new TableColumn("step").RightAligned())
            .AddColumn(new TableColumn("E").RightAligned()).AddColumn(new TableColumn("A").RightAligned()).AddColumn(new TableColumn("alpha").RightAligned())
            .AddColumn(new TableColumn("max |resid.|").RightAligned());
        foreach (var (name, fit) in new[] { ("A", comparison.A), ("B", comparison.B) })
            fits.AddRow(Markup.Escape($"{name}: {fit.Ladder.Label}"), fit.Ladder.Family.ToString().ToLowerInvariant(), $"{fit.Ladder.Rungs.Count}",
                $"{fit.Ladder.FitStep}", ReportFormat.Number(fit.Fit.Parameter("E")), ReportFormat.Number(fit.Fit.Parameter("A")),
                ReportFormat.Number(fit.Fit.Parameter("alpha")), ReportFormat.Percent(fit.Residuals.Max(Math.Abs), 2));
        console.Write(fits);

        var targets = new Table().Border(TableBorder.Rounded).Title("predicted loss; P(A<B): how often A's refit predicts the lower loss")
            .AddColumn(new TableColumn("N").RightAligned()).AddColumn(new TableColumn("A").RightAligned()).AddColumn(new TableColumn("A interval").RightAligned())
            .AddColumn(new TableColumn("B").RightAligned()).AddColumn(new TableColumn("B interval").RightAligned()).AddColumn(new TableColumn("P(A<B)").RightAligned());
        foreach (var t in comparison.Targets)
            targets.AddRow($"{t.Params:N0}", CompareSection.Predicted(t.A), Markup.Escape(Interval(t.A)), CompareSection.Predicted(t.B), Markup.Escape(Interval(t.B)),
                double.IsNaN(t.ProbabilityABeatsB) ? "—" : ReportFormat.Percent(t.ProbabilityABeatsB));
        console.Write(targets);
        console.WriteLine(CompareText.Bootstrap(comparison));
        console.WriteLine(CompareText.Crossings(comparison, unit));
        foreach (string warning in comparison.Warnings)
            console.MarkupLine($"[yellow]warning: {Markup.Escape(warning)}[/]");
    }

    static string Interval(DesignPrediction p) => double.IsNaN(p.Lower) ? "—" : $"[{ReportFormat.Loss(p.Lower)}, {ReportFormat.Loss(p.Upper)}]";
}

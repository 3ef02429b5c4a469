using System.CommandLine;
using System.Diagnostics;
using NanoLM.Fitting;
using NanoLM.Predictions;
using NanoLM.Quickstart;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>
/// `dotnet nanolm quickstart`: scaffolds the template's experiment on the built-in corpus, trains its search and ladder,
/// predicts the target and writes the report. Running it again resumes: finished runs are skipped, an interrupted one
/// continues from its checkpoint, and an existing nanolm.yaml is used as it is.
/// </summary>
public static class QuickstartCommand
{
    public const string DefaultDirectory = "nanolm-quickstart";

    public static Command Create(IAnsiConsole console)
    {
        var directory = new Option<string>("--dir")
        {
            HelpName = "DIR",
            Description = "The experiment's folder, made from the nanolm-experiment template when it has no nanolm.yaml (an existing one is used as it is).",
            DefaultValueFactory = _ => DefaultDirectory,
        };
        var verify = new Option<bool>("--verify") { Description = "Also train the target, and print its measured loss beside the prediction." };
        var testSize = new Option<bool>("--test-size") { Hidden = true };
        var command = new Command("quickstart", "Make a demo experiment on the built-in corpus, train its hyperparameter search and ladder, and predict the loss of a much larger model with an interval and a backtest. Run it again to resume.")
        {
            directory, verify, testSize,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(directory)!, parsed.GetValue(verify), parsed.GetValue(testSize)));
        return command;
    }

    static int Run(IAnsiConsole console, string directory, bool verify, bool testSize)
    {
        var clock = Stopwatch.StartNew();
        console.MarkupLine("[bold]1/4 Experiment[/]");
        var scaffold = QuickstartScaffold.Write(Path.GetFullPath(directory), QuickstartTemplate.Load(), QuickstartDesign.Default);
        if (scaffold.Written.Count > 0)
            console.WriteLine($"Wrote {string.Join(", ", scaffold.Written)} into {directory}, as `dotnet new nanolm-experiment` would.");
        if (scaffold.KeptSpec)
            console.WriteLine($"Using the nanolm.yaml already in {directory} as it is (delete it to start again from the template).");
        var spec = ExperimentOptions.LoadSpec(scaffold.SpecPath);
        if (testSize) spec = QuickstartTestSize.Shrink(spec);
        if (verify) spec = spec with { Targets = [.. spec.Targets.Select(t => t with { Verify = true })] };
        if (spec.Targets.Count == 0)
            throw new UserError($"{Path.Combine(directory, SpecLoader.DefaultFileName)} has no targets; add `targets: [{{ width: W }}]` to predict one");
        string storePath = StoreLocation.Resolve(null, scaffold.SpecPath);
        console.WriteLine($"Ladder widths {string.Join(", ", spec.Ladder.Widths)}, {spec.Train.Steps} steps each; " +
                          $"target width {string.Join(", ", spec.Targets.Select(t => t.Width?.ToString() ?? $"params={t.Params}"))}. Store: {storePath}");

        TorchRuntime.EnsureLoaded();
        using var store = RunStore.Open(storePath);
        using var data = console.Status().Start("Preparing the data…", _ => ExperimentData.Open(spec, Path.GetDirectoryName(scaffold.SpecPath)!));
        console.MarkupLine(verify ? "[bold]2/4 Training[/]: search → ladder → target" : "[bold]2/4 Training[/]: search → ladder");
        var result = TrainingSession.Run(console, spec, scaffold.SpecPath, store, data, TrainingStages.Parse("all"));
        TrainingSummary.Write(console, store, result, storePath);
        if (result.Interrupted)
            throw new UserError($"the quickstart was interrupted; its checkpoint is saved. Run `dotnet nanolm quickstart{QuickstartSummary.DirectoryArgument(directory)}{(verify ? " --verify" : "")}` again to resume.");

        console.MarkupLine("[bold]3/4 Prediction[/]");
        double? oracle = data.OracleLoss(spec);
        var prediction = console.Status().Start("Fitting the ladder and bootstrapping the interval…", _ =>
            ExperimentPredictor.Predict(spec, store, ExperimentPredictor.DefaultOptions(oracle)));
        QuickstartSummary.Write(console, prediction);

        console.MarkupLine("[bold]4/4 Report[/]");
        var report = ReportCommand.Write(console, spec, scaffold.SpecPath, store, null, prediction, oracle);
        QuickstartSummary.WriteNext(console, directory, verify, clock.Elapsed, report.HtmlPath);
        return CliApp.Success;
    }
}

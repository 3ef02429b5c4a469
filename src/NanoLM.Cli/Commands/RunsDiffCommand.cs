using System.CommandLine;
using System.Text.Json;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm runs diff A B`: the settings and metrics in which two runs differ.</summary>
public static class RunsDiffCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var store = new ExperimentOptions("The experiment's nanolm.yaml; only used to find the store beside it.");
        var first = new Argument<string>("a") { Description = "The first run's id or unique prefix." };
        var second = new Argument<string>("b") { Description = "The second run's id or unique prefix." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("diff", "Show the settings and metrics that differ between two runs.") { first, second, json };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.OpenExisting(parsed);
            return Run(console, opened, parsed.GetValue(first)!, parsed.GetValue(second)!, parsed.GetValue(json));
        });
        return command;
    }

    static int Run(IAnsiConsole console, RunStore store, string firstId, string secondId, bool asJson)
    {
        var (a, b) = (store.ResolveRun(firstId), store.ResolveRun(secondId));
        var both = new RunSettingsTable([a, b]);
        var settings = both.VaryingKeys().Select(k => (Key: k, A: both.Value(0, k) ?? "-", B: both.Value(1, k) ?? "-")).ToList();
        var (summaryA, summaryB) = (MetricSummary.From(store.Metrics(a.Id)), MetricSummary.From(store.Metrics(b.Id)));
        var metrics = new (string Name, string A, string B)[]
            {
                ("status", a.Status.Name(), b.Status.Name()),
                ("last step", $"{summaryA.LastStep}", $"{summaryB.LastStep}"),
                ("final train loss", RunsFormat.Loss(summaryA.FinalTrainLoss), RunsFormat.Loss(summaryB.FinalTrainLoss)),
                ("best validation loss", RunsFormat.Loss(summaryA.BestValidationLoss), RunsFormat.Loss(summaryB.BestValidationLoss)),
                ("final validation loss", RunsFormat.Loss(summaryA.FinalValidationLoss), RunsFormat.Loss(summaryB.FinalValidationLoss)),
                ("tokens", RunsFormat.Count(summaryA.Tokens), RunsFormat.Count(summaryB.Tokens)),
                ("time", RunsFormat.Duration(summaryA.WallSeconds), RunsFormat.Duration(summaryB.WallSeconds)),
            }
            .Where(m => m.A != m.B).ToList();

        if (asJson)
        {
            var document = new
            {
                a = a.Id,
                b = b.Id,
                settings = settings.ToDictionary(s => s.Key, s => new[] { s.A, s.B }),
                metrics = metrics.ToDictionary(m => m.Name.Replace(' ', '_'), m => new[] { m.A, m.B }),
            };
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(document, RunsJson.Options));
            return CliApp.Success;
        }

        if (settings.Count == 0 && metrics.Count == 0)
        {
            console.MarkupLine($"Runs {a.ShortId} and {b.ShortId} have the same settings and metrics.");
            return CliApp.Success;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("", a.ShortId, b.ShortId);
        foreach (var (key, valueA, valueB) in settings) table.AddRow(Markup.Escape(key), Markup.Escape(valueA), Markup.Escape(valueB));
        if (settings.Count > 0 && metrics.Count > 0) table.AddEmptyRow();
        foreach (var (name, valueA, valueB) in metrics) table.AddRow(name, Markup.Escape(valueA), Markup.Escape(valueB));
        console.Write(table);
        if (settings.Count == 0) console.MarkupLine("[grey]The settings are identical.[/]");
        return CliApp.Success;
    }
}

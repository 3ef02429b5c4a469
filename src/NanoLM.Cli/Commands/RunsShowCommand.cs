using System.CommandLine;
using System.Text.Json;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm runs show ID`: one run's settings, status, events and a summary of its metrics.</summary>
public static class RunsShowCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var store = new ExperimentOptions("The experiment's nanolm.yaml; only used to find the store beside it.");
        var id = new Argument<string>("id") { Description = "The run id, or a unique prefix of it (as `runs list` shows)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("show", "Show a run's settings, status, events and metrics summary.") { id, json };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.OpenExisting(parsed);
            return Run(console, opened, parsed.GetValue(id)!, parsed.GetValue(json));
        });
        return command;
    }

    static int Run(IAnsiConsole console, RunStore store, string id, bool asJson)
    {
        var run = store.ResolveRun(id);
        var summary = MetricSummary.From(store.Metrics(run.Id));
        var events = store.Events(run.Id);
        if (asJson)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                RunExport.WriteRunFields(writer, run);
                writer.WritePropertyName("metrics");
                JsonSerializer.Serialize(writer, summary, RunsJson.Options);
                writer.WritePropertyName("events");
                JsonSerializer.Serialize(writer, events, RunsJson.Options);
                writer.WriteEndObject();
            }
            console.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return CliApp.Success;
        }

        var overview = new Table().Border(TableBorder.Rounded).AddColumns("run", run.ShortId);
        overview.AddRow("id", run.Id);
        overview.AddRow("status", RunsFormat.Status(run.Status) + (run.Reason is null ? "" : $" ({Markup.Escape(run.Reason)})"));
        overview.AddRow("stage", $"{run.Stage}, width {run.Width}, seed {run.Seed}");
        overview.AddRow("created / started / finished", $"{RunsFormat.Time(run.Created)} / {RunsFormat.Time(run.Started)} / {RunsFormat.Time(run.Finished)}");
        overview.AddRow("process", run.Pid is null ? "-" : Markup.Escape($"pid {run.Pid} on {run.Host}, heartbeat {RunsFormat.Time(run.Heartbeat)}"));
        overview.AddRow("checkpoint", run.CheckpointPath is null ? "-" : Markup.Escape($"step {run.CheckpointStep}: {run.CheckpointPath}"));
        overview.AddRow("steps recorded", summary.Rows == 0 ? "-" : $"{summary.Rows} ({summary.FirstStep}…{summary.LastStep}), {summary.Evaluations} evaluation(s)");
        overview.AddRow("final train loss", RunsFormat.Loss(summary.FinalTrainLoss));
        overview.AddRow("best validation loss", summary.BestValidationStep is { } bestStep ? $"{RunsFormat.Loss(summary.BestValidationLoss)} at step {bestStep}" : "-");
        overview.AddRow("final validation loss", RunsFormat.Loss(summary.FinalValidationLoss));
        overview.AddRow("tokens / time", $"{RunsFormat.Count(summary.Tokens)} / {RunsFormat.Duration(summary.WallSeconds)}");
        overview.AddRow("mean tokens/s", summary.MeanTokensPerSecond is { } tps ? RunsFormat.Count((long)tps) : "-");
        console.Write(overview);

        var settings = new Table().Border(TableBorder.Rounded).AddColumns("setting", "value");
        foreach (var (key, value) in RunSettingsView.Flatten(run.Settings.Utf8.Span)) settings.AddRow(Markup.Escape(key), Markup.Escape(value));
        console.Write(settings);

        if (events.Count > 0)
        {
            var log = new Table().Border(TableBorder.Rounded).AddColumns("time", "event", "message");
            foreach (var e in events) log.AddRow(RunsFormat.Time(e.At), Markup.Escape(e.Kind), Markup.Escape(e.Message));
            console.Write(log);
        }
        return CliApp.Success;
    }
}

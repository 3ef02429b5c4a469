using System.CommandLine;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm runs export --format csv|json [--out FILE]`: every run and its per-step metrics.</summary>
public static class RunsExportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var store = new ExperimentOptions("The experiment's nanolm.yaml; only used to find the store beside it.");
        var format = new Option<string>("--format")
        {
            Description = "csv: one row per step (the columns `dotnet nanolm fit` reads); json: runs with settings and metrics.",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export runs and their per-step metrics as CSV or JSON.") { format, output };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.OpenExisting(parsed);
            return Run(console, opened, parsed.GetValue(format)!, parsed.GetValue(output));
        });
        return command;
    }

    static int Run(IAnsiConsole console, RunStore store, string format, string? outputPath)
    {
        var buffer = new MemoryStream();
        if (format == "json")
            RunExport.WriteJson(store, buffer);
        else
            using (var text = new StreamWriter(buffer, leaveOpen: true)) RunExport.WriteCsv(store, text);

        if (outputPath is null)
        {
            console.Profile.Out.Writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            if (format == "json") console.Profile.Out.Writer.WriteLine();
            return CliApp.Success;
        }
        try
        {
            File.WriteAllBytes(outputPath, buffer.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write {outputPath}: {e.Message}");
        }
        console.MarkupLine($"Wrote {Markup.Escape(outputPath)}.");
        return CliApp.Success;
    }
}

using System.CommandLine;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>What `runs export` writes.</summary>
public enum ExportFormat { Csv, Json, Mlflow }

/// <summary>`dotnet nanolm runs export --format csv|json|mlflow [--out FILE|DIR]`: every run and its per-step metrics.</summary>
public static class RunsExportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var store = new ExperimentOptions("The experiment's nanolm.yaml; only used to find the store beside it.");
        var format = ChoiceOption.Create("--format",
            "csv: one row per step (the columns `dotnet nanolm fit` reads); json: runs with settings and metrics; " +
            "mlflow: MLflow's file store in the folder --out names (`mlflow ui --backend-store-uri DIR`).", ExportFormat.Csv);
        var output = new Option<string?>("--out") { Description = "Write to this file (csv, json) or folder (mlflow) instead of standard output." };
        var where = RunsListCommand.WhereOption();
        var command = new Command("export", "Export runs and their per-step metrics as CSV, JSON or an MLflow file store.") { format.Option, output, where };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.OpenExisting(parsed);
            return Run(console, opened, format.ValueIn(parsed), parsed.GetValue(output), parsed.GetValue(where));
        });
        return command;
    }

    static int Run(IAnsiConsole console, RunStore store, ExportFormat format, string? outputPath, string? where)
    {
        var runs = RunFilter.Apply(store.ListRuns(), where);
        if (format == ExportFormat.Mlflow) return Mlflow(console, store, outputPath, runs);
        var buffer = new MemoryStream();
        if (format == ExportFormat.Json)
            RunExport.WriteJson(store, buffer, runs);
        else
            using (var text = new StreamWriter(buffer, leaveOpen: true)) RunExport.WriteCsv(store, text, runs);

        if (outputPath is null)
        {
            console.Profile.Out.Writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            if (format == ExportFormat.Json) console.Profile.Out.Writer.WriteLine();
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

    static int Mlflow(IAnsiConsole console, RunStore store, string? folder, IReadOnlyList<RunRecord> runs)
    {
        if (folder is null)
            throw new UserError("--format mlflow writes a folder of files: pass --out DIR (then `mlflow ui --backend-store-uri DIR`)");
        if (File.Exists(folder))
            throw new UserError($"{folder} is a file; --format mlflow writes a folder: pass --out with a folder's path");
        int count;
        try
        {
            count = MlflowExport.Write(store, folder, runs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write {folder}: {e.Message}");
        }
        console.WriteLine($"Wrote {count} run(s) to {folder} in MLflow's file-store layout; view them with `mlflow ui --backend-store-uri {folder}`.");
        return CliApp.Success;
    }
}

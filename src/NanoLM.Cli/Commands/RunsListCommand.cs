using System.CommandLine;
using System.Text.Json;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm runs list`: one row per run, with only the settings that tell the runs apart.</summary>
public static class RunsListCommand
{
    // Width and seed have their own columns.
    static readonly string[] ShownElsewhere = ["model.width", "train.seed"];

    // Spectre measures every cell (about 0.3 ms a row); past this many rows plain aligned columns keep `list` fast.
    const int RichTableLimit = 500;

    /// <summary>--where, shared by `runs list` and `runs export`.</summary>
    public static Option<string?> WhereOption() => new("--where")
    {
        Description = "Only runs that match, e.g. \"stage = ladder and width >= 64\": FIELD OP VALUE clauses joined by 'and'; " +
                      "FIELD is a column (" + string.Join(", ", RunFields.Columns) + ") or a setting such as optimizer.lr; OP is = != < <= > >=.",
    };

    public static Command Create(IAnsiConsole console)
    {
        var store = new ExperimentOptions("The experiment's nanolm.yaml; only used to find the store beside it.");
        var allSettings = new Option<bool>("--all-settings") { Description = "Show every setting, not only those that differ between runs." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of runs (or groups) instead of a table." };
        var where = WhereOption();
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "One row per value of a field (a column or a setting, e.g. width): the count, and the mean ± sd of the final and best validation losses over its runs.",
        };
        var command = new Command("list", "List the runs: status (crashed included), best and final validation loss, tokens, time, and the settings that differ.")
        {
            allSettings, json, where, groupBy,
        };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.OpenExisting(parsed);
            var all = opened.ListRuns();
            var runs = RunFilter.Apply(all, parsed.GetValue(where));
            string scope = runs.Count == all.Count ? $"{runs.Count} run(s)" : $"{runs.Count} of {all.Count} run(s)";
            return parsed.GetValue(groupBy) is { } field
                ? Groups(console, RunGroups.By(runs, field), field, parsed.GetValue(json), scope, opened.Path)
                : Run(console, opened, runs, all.Count, parsed.GetValue(allSettings), parsed.GetValue(json), scope);
        });
        return command;
    }

    static int Groups(IAnsiConsole console, IReadOnlyList<RunGroup> groups, string field, bool asJson, string scope, string storePath)
    {
        if (asJson)
            return WriteJsonArray(console, groups, (writer, group) =>
            {
                writer.WriteString(field, group.Key);
                writer.WriteNumber("runs", group.Runs);
                writer.WriteNumber("finished", group.Finished);
                Spread(writer, "final_val_loss", group.FinalValidationLoss);
                Spread(writer, "best_val_loss", group.BestValidationLoss);
            });
        string[] headers = [field, "runs", "final val (mean ± sd)", "best val (mean ± sd)"];
        var rows = groups.Select(g => new[] { g.Key, g.Runs.ToString(), Spread(g.FinalValidationLoss), Spread(g.BestValidationLoss) }).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in headers) table.AddColumn(Markup.Escape(header));
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
        console.MarkupLine($"[grey]{Markup.Escape(scope)} in {Markup.Escape(storePath)}, in {groups.Count} group(s) by {Markup.Escape(field)}[/]");
        return CliApp.Success;
    }

    /// <summary>An indented JSON array of one object per item, on standard output.</summary>
    static int WriteJsonArray<T>(IAnsiConsole console, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writeFields(writer, item);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        console.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return CliApp.Success;
    }

    static string Spread(MeanAndSpread? value) => value switch
    {
        null => "-",
        { StandardDeviation: { } sd } => $"{RunsFormat.Loss(value.Mean)} ± {RunsFormat.Loss(sd)}",
        _ => RunsFormat.Loss(value.Mean),
    };

    static void Spread(Utf8JsonWriter writer, string name, MeanAndSpread? value)
    {
        if (value is null) { writer.WriteNull(name); return; }
        writer.WriteStartObject(name);
        writer.WriteNumber("mean", value.Mean);
        if (value.StandardDeviation is { } sd) writer.WriteNumber("sd", sd);
        else writer.WriteNull("sd");
        writer.WriteEndObject();
    }

    /// <param name="total">How many runs the store holds; <paramref name="runs"/> are those --where kept.</param>
    static int Run(IAnsiConsole console, RunStore store, IReadOnlyList<RunRecord> runs, int total, bool allSettings, bool asJson, string scope)
    {
        if (asJson) return WriteJsonArray(console, runs, RunExport.WriteRunFields);

        if (runs.Count == 0)
        {
            console.MarkupLine(total > 0
                ? $"No run matches --where ({Markup.Escape(scope)}) in [bold]{Markup.Escape(store.Path)}[/]."
                : $"No runs yet in [bold]{Markup.Escape(store.Path)}[/].");
            return CliApp.Success;
        }
        var settings = new RunSettingsTable(runs);
        var keys = (allSettings ? settings.Keys : settings.VaryingKeys()).Where(k => !ShownElsewhere.Contains(k)).ToList();

        var headers = new List<string> { "id", "stage", "width", "seed" };
        headers.AddRange(keys);
        headers.Add("status");
        // Who trains a running run (another trainer on this store leaves it alone); shown only while one is.
        bool anyHeld = runs.Any(r => r.Holder is not null);
        if (anyHeld) headers.Add("held by");
        headers.AddRange(["best val", "final val", "tokens", "time"]);
        var rows = new List<string[]>(runs.Count);
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var cells = new List<string> { run.ShortId, run.Stage, run.Width.ToString(), run.Seed.ToString() };
            cells.AddRange(keys.Select(k => settings.Value(i, k) ?? "-"));
            cells.Add(run.Status.Name());
            if (anyHeld) cells.Add(run.Holder ?? "-");
            cells.AddRange([RunsFormat.Loss(run.BestValidationLoss), RunsFormat.Loss(run.FinalValidationLoss),
                RunsFormat.Count(run.Tokens), RunsFormat.Duration(run.WallSeconds)]);
            rows.Add([.. cells]);
        }

        // A bordered table adds 3 characters a column; when that does not fit, wrapped cells are harder to read than long lines.
        int tableWidth = RunsPlainTable.ColumnWidths(headers, rows).Sum(w => w + 3) + 1;
        if (rows.Count <= RichTableLimit && tableWidth <= console.Profile.Width)
        {
            int statusColumn = headers.IndexOf("status");
            var table = new Table().Border(TableBorder.Rounded);
            foreach (string header in headers) table.AddColumn(Markup.Escape(header));
            for (int i = 0; i < rows.Count; i++)
                table.AddRow(rows[i].Select((cell, c) => c == statusColumn ? RunsFormat.Status(runs[i].Status) : Markup.Escape(cell)).ToArray());
            console.Write(table);
            console.MarkupLine($"[grey]{Markup.Escape(scope)} in {Markup.Escape(store.Path)}[/]");
        }
        else
        {
            // Plain to the end: a markup line would be the command's first use of Spectre's renderer, about 45 ms of a
            // new process's 10 000-run list (bench/store).
            RunsPlainTable.Write(console.Profile.Out.Writer, headers, rows);
            console.Profile.Out.Writer.WriteLine($"{scope} in {store.Path}");
        }
        return CliApp.Success;
    }
}

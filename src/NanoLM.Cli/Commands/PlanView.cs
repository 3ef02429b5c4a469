using NanoLM.Plan;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`train --dry-run`: every trial with its settings, size, FLOPs and estimated time, then the cost summary.</summary>
static class PlanView
{
    public static void Write(IAnsiConsole console, ExperimentPlan plan, PlanPreview preview, ThroughputAssumption throughput, IReadOnlySet<string> settled)
    {
        // Settings every trial shares go in one line below the table, so the table fits a terminal.
        bool initVaries = preview.Rows.Select(r => r.InitStd).Distinct().Count() > 1;
        bool outputVaries = preview.Rows.Select(r => r.OutputMult).Distinct().Count() > 1;
        bool seedVaries = preview.Rows.Select(r => r.Seed).Distinct().Count() > 1;
        var table = new Table().Border(TableBorder.Rounded).Title($"plan for {Markup.Escape(plan.Spec.Name)}");
        var columns = new List<string> { "stage", "run", "width" };
        if (seedVaries) columns.Add("seed");
        columns.Add("lr");
        if (initVaries) columns.Add("init std");
        if (outputVaries) columns.Add("out mult");
        columns.AddRange(["params", "FLOPs", "time"]);
        foreach (string column in columns)
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var row in preview.Rows)
        {
            var cells = new List<string> { TrialLabel.Stage(row.Stage), row.Identity.Short[..8], $"{row.Width}" };
            if (seedVaries) cells.Add($"{row.Seed}");
            cells.Add(row.AwaitsSearch ? "search" : $"{row.Lr:G3}");
            if (initVaries) cells.Add($"{row.InitStd:G3}");
            if (outputVaries) cells.Add($"{row.OutputMult:G3}");
            string time = !row.Trains ? "predicted"
                : row.SameRunAsEarlierTrial && !row.AwaitsSearch ? "same run"
                : settled.Contains(row.Identity.Hash) ? "done"
                : Time(row.EstimatedSeconds);
            cells.AddRange([Count(row.Parameters), $"{row.Flops:0.0e+0}", time]);
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
        var first = preview.Rows[0];
        string shared = (initVaries ? "" : $"init std {first.InitStd:G3}, ") + (outputVaries ? "" : $"output multiplier {first.OutputMult:G3}, ")
                        + (seedVaries ? "" : $"seed {first.Seed}, ");
        console.WriteLine($"Every trial: {shared}{first.Steps} steps of {Count(first.Tokens)} tokens in all.");

        double remaining = preview.Rows.Where(r => r.Trains && !r.SameRunAsEarlierTrial && !settled.Contains(r.Identity.Hash)).Sum(r => r.EstimatedSeconds);
        console.WriteLine($"Times come from throughput measured here just now ({throughput.TokensPerSecond:N0} tokens/s at the smallest model); " +
                          $"estimated time for what remains to train: {Time(remaining)}.");
        console.WriteLine($"FLOPs: search {preview.SearchFlops:0.00e+00}, ladder {preview.LadderFlops:0.00e+00}, verified targets {preview.VerifiedTargetFlops:0.00e+00}.");
        if (preview.SearchAndLadderFraction is { } fraction)
        {
            string verdict = fraction <= 0.20 ? "[green]within[/]" : "[yellow]above[/]";
            console.MarkupLine($"Search + ladder cost {fraction:P1} of one training of the largest target ({verdict} the 20 % budget).");
        }
        else
            console.WriteLine("No targets: add `targets:` to nanolm.yaml to compare the proxy cost with a training of the target.");
    }

    /// <summary>The ladder advice of `train --dry-run`: what would keep this ladder from predicting the target well.</summary>
    public static void WriteAdvice(IAnsiConsole console, IReadOnlyList<string> advice)
    {
        foreach (string line in advice)
            console.MarkupLine($"[yellow]advice: {Markup.Escape(line)}[/]");
    }

    static string Count(long value) => value switch
    {
        >= 1_000_000_000 => $"{value / 1e9:F2}G",
        >= 1_000_000 => $"{value / 1e6:F2}M",
        >= 1_000 => $"{value / 1e3:F1}k",
        _ => $"{value}",
    };

    static string Time(double seconds) => seconds < 90 ? $"{seconds:F0} s" : seconds < 5400 ? $"{seconds / 60:F1} min" : $"{seconds / 3600:F1} h";
}

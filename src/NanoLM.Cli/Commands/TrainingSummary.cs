using NanoLM.Runs;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>The table `train` ends with: every run of the plan with its status and losses, and where the store is.</summary>
static class TrainingSummary
{
    public static void Write(IAnsiConsole console, RunStore store, ExperimentRunResult result, string storePath)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("runs")
            .AddColumn("stage").AddColumn("run").AddColumn(new TableColumn("width").RightAligned()).AddColumn(new TableColumn("seed").RightAligned())
            .AddColumn(new TableColumn("lr").RightAligned()).AddColumn("status").AddColumn(new TableColumn("final val loss").RightAligned())
            .AddColumn(new TableColumn("time").RightAligned());
        foreach (var trial in result.FinalPlan.TrainedTrials)
        {
            var run = store.FindRun(trial.Identity.Hash);
            string status = run?.Status.ToString().ToLowerInvariant() ?? (trial.AwaitsSearch ? "awaits search" : "not started");
            table.AddRow(TrialLabel.Stage(trial.Stage), trial.Identity.Short, $"{trial.Width}", $"{trial.Seed}", $"{trial.Settings.Lr:G3}",
                status, run?.FinalValidationLoss is { } loss ? $"{loss:F4}" : "-", run?.WallSeconds is { } s ? $"{s:F0} s" : "-");
        }
        console.Write(table);
        console.WriteLine($"{result.Trained} trained, {result.Skipped} already finished, {result.Diverged} diverged. Store: {storePath}");
    }
}

using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Fitting.Optimization;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>The human report of `fit`: parameters with their uncertainty, the objective, predictions and the backtest.</summary>
static class FitReport
{
    const int MaxPredictionRows = 30;

    /// <param name="parameterIntervalsWithheld">Why the bootstrap's parameter intervals are left out (one seed per width), or null to show them.</param>
    public static void Write(IAnsiConsole console, FitOutcome outcome, string file, string? parameterIntervalsWithheld = null)
    {
        var fit = outcome.Fit;
        console.MarkupLine($"[bold]{Markup.Escape(fit.Law.Formula)}[/] fitted to {fit.Points} points of {Markup.Escape(file)}");
        console.MarkupLine(Markup.Escape(
            $"fitter {fit.Fitter}: objective {Number(fit.Objective)} ({(fit.Fitter == FitterNames.LevenbergMarquardt ? "sum of squared residuals" : "summed Huber of log residuals")}), " +
            $"{(fit.Converged ? "converged" : "NOT converged")}, {fit.StartsInBestBasin} of {fit.Starts} starts reached the best basin"));

        var parameters = new Table().Border(TableBorder.Rounded).AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned());
        if (fit.StandardErrors is not null) parameters.AddColumn(new TableColumn("± std. error").RightAligned());
        var intervals = parameterIntervalsWithheld is null ? outcome.Bootstrap : null;
        if (intervals is BootstrapResult bootstrap)
            parameters.AddColumn(new TableColumn($"{bootstrap.Level:P0} interval ({bootstrap.Resamples - bootstrap.Failed} resamples)").RightAligned());
        for (int j = 0; j < fit.Parameters.Length; j++)
        {
            var cells = new List<string> { fit.Law.ParameterNames[j], Number(fit.Parameters[j]) };
            if (fit.StandardErrors is not null) cells.Add(Number(fit.StandardErrors[j]));
            if (intervals is BootstrapResult b) cells.Add($"[{Number(b.Lower[j])}, {Number(b.Upper[j])}]");
            parameters.AddRow([.. cells.Select(Markup.Escape)]);
        }
        console.Write(parameters);
        if (parameterIntervalsWithheld is not null) console.MarkupLine($"[grey]note: {Markup.Escape(parameterIntervalsWithheld)}[/]");

        if (outcome.Predictions.Count > 0)
        {
            console.MarkupLine("[bold]Predictions[/]");
            console.Write(PredictionTable(outcome.Predictions.Take(MaxPredictionRows).ToList()));
            if (outcome.Predictions.Count > MaxPredictionRows)
                console.MarkupLine($"… and {outcome.Predictions.Count - MaxPredictionRows} more rows (use --json for all)");
        }

        if (outcome.Backtest is BacktestResult backtest)
        {
            console.MarkupLine(Markup.Escape(
                $"Backtest: fitted the {backtest.FittedPoints} points up to size {Number(backtest.SizeLimit)}, predicted the {backtest.HeldOut.Count} larger ones: " +
                $"mean |error| {backtest.MeanAbsoluteRelativeError:P2}, max {backtest.MaxAbsoluteRelativeError:P2}"));
            console.Write(PredictionTable(backtest.HeldOut.Take(MaxPredictionRows).ToList()));
        }
        else console.MarkupLine("Backtest: too few distinct sizes to hold any out.");
    }

    static Table PredictionTable(IReadOnlyList<Prediction> predictions)
    {
        bool curves = predictions.Any(p => !double.IsNaN(p.Target.Point.Step));
        bool intervals = predictions.Any(p => p.HasInterval);
        var table = new Table().Border(TableBorder.Rounded);
        string[] inputs = curves ? ["run", "step"] : ["params", "tokens", "flops"];
        foreach (var name in inputs) table.AddColumn(new TableColumn(name).RightAligned());
        table.AddColumn(new TableColumn("loss").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned());
        if (intervals) table.AddColumn(new TableColumn("interval").RightAligned());
        table.AddColumn(new TableColumn("rel. error").RightAligned());
        foreach (var p in predictions)
        {
            var point = p.Target.Point;
            var cells = curves
                ? new List<string> { p.Target.Run ?? "", p.Target.Step?.ToString(CultureInfo.InvariantCulture) ?? "" }
                : [Number(point.Params), Number(point.Tokens), Number(point.Flops)];
            cells.Add(p.Target.Loss is double loss ? Number(loss) : "");
            cells.Add(Number(p.Predicted));
            if (intervals) cells.Add(p.HasInterval ? $"[{Number(p.Lower)}, {Number(p.Upper)}]" : "");
            cells.Add(p.RelativeError is double error ? error.ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture) : "");
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        return table;
    }

    static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("G5", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NanoLM.Experiments;
using NanoLM.Fitting;
using NanoLM.Spec;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm predict`: fit the trained ladder from the store and predict the targets, with intervals and a backtest.</summary>
public static class PredictCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var experiment = new ExperimentOptions();
        var target = new Option<string[]>("--target") { HelpName = "width=W|params=N", Description = "A model to predict, besides the targets in nanolm.yaml (repeatable).", AllowMultipleArgumentsPerToken = false };
        var fitStep = new Option<int?>("--fit-step") { HelpName = "STEP", Description = "Fit the validation loss at this step (default: predict.fit_step, else the last step)." };
        var bootstrap = new Option<int>("--bootstrap") { HelpName = "N", Description = "Bootstrap resamples of whole runs for the intervals.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("predict", "Fit a scaling law to the trained ladder and predict the loss of the targets, with bootstrap intervals, a backtest and the proxy's cost.")
        {
            target, fitStep, bootstrap, seed, json,
        };
        experiment.AddTo(command);
        command.SetAction(parsed =>
        {
            string specPath = experiment.SpecPath(parsed);
            var spec = experiment.LoadSpec(parsed);
            spec = spec with { Targets = [.. spec.Targets, .. (parsed.GetValue(target) ?? []).Select(ParseTarget)] };
            if (parsed.GetValue(bootstrap) < 0) throw new UserError("--bootstrap must be zero or more");
            using var runs = experiment.OpenExisting(parsed);
            var prediction = ExperimentPredictor.Predict(spec, runs, new FitOptions(Bootstrap: parsed.GetValue(bootstrap), Seed: parsed.GetValue(seed)), parsed.GetValue(fitStep));
            if (parsed.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(Json(prediction).ToJsonString(FitJson.Options));
                return CliApp.Success;
            }
            Write(console, prediction);
            var report = ReportCommand.Write(console, spec, specPath, runs, null, prediction);
            console.WriteLine($"Report: {report.HtmlPath}");
            return CliApp.Success;
        });
        return command;
    }

    static TargetSpec ParseTarget(string text)
    {
        string[] parts = text.Split('=', 2);
        if (parts.Length == 2 && long.TryParse(parts[1].Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out long value) && value > 0)
        {
            if (parts[0] == "width" && value <= int.MaxValue) return new TargetSpec((int)value, null, false);
            if (parts[0] == "params") return new TargetSpec(null, value, false);
        }
        throw new UserError($"--target '{text}' is not width=W or params=N with a positive whole number");
    }

    static void Write(IAnsiConsole console, ExperimentPrediction prediction)
    {
        var fit = prediction.Outcome.Fit;
        var ladder = new Table().Border(TableBorder.Rounded).Title($"ladder at step {prediction.FitStep}")
            .AddColumn(new TableColumn("width").RightAligned()).AddColumn(new TableColumn("seed").RightAligned())
            .AddColumn(new TableColumn("params").RightAligned()).AddColumn(new TableColumn("val loss").RightAligned())
            .AddColumn(new TableColumn("fitted").RightAligned()).AddColumn(new TableColumn("residual").RightAligned());
        foreach (var rung in prediction.Rungs)
        {
            double fitted = fit.Predict(Fitting.LawPoint.Ladder(rung.Trial.NonEmbeddingParameters, double.NaN, double.NaN));
            ladder.AddRow($"{rung.Trial.Width}", $"{rung.Trial.Seed}", $"{rung.Trial.NonEmbeddingParameters:N0}", $"{rung.Loss:F4}", $"{fitted:F4}",
                ((rung.Loss - fitted) / fitted).ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture));
        }
        console.Write(ladder);
        FitReport.Write(console, prediction.Outcome, $"the ladder (non-embedding parameters, validation loss at step {prediction.FitStep})");

        long largest = prediction.Rungs.Max(r => r.Trial.NonEmbeddingParameters);
        foreach (var (target, p) in prediction.Targets.Zip(prediction.Outcome.Predictions))
        {
            string interval = p.HasInterval ? $" [{p.Lower:F4}, {p.Upper:F4}]" : "";
            string measured = target.Measured is { } m ? $"; measured {m:F4}, error {p.RelativeError:+0.00%;-0.00%}" : "";
            console.MarkupLine(Markup.Escape(
                $"Target width {target.Trial.Width} ({target.Trial.NonEmbeddingParameters:N0} parameters, {(double)target.Trial.NonEmbeddingParameters / largest:F1}× the largest rung): " +
                $"predicted {p.Predicted:F4}{interval}{measured}"));
        }
        if (prediction.Cost.SearchAndLadderFraction is { } fraction)
            console.WriteLine($"Proxy cost: search + ladder used {fraction:P1} of the FLOPs of one training of the largest target.");
        foreach (string warning in LadderWarnings.For(prediction))
            console.MarkupLine($"[yellow]warning: {Markup.Escape(warning)}[/]");
    }

    static JsonObject Json(ExperimentPrediction prediction)
    {
        var json = FitJson.Create(prediction.Outcome);
        json["fit_step"] = prediction.FitStep;
        json["x"] = "non_embedding_params";
        var ladder = new JsonArray();
        foreach (var rung in prediction.Rungs)
            ladder.Add(new JsonObject { ["run"] = rung.Trial.Identity.Hash, ["width"] = rung.Trial.Width, ["seed"] = rung.Trial.Seed,
                ["params"] = rung.Trial.NonEmbeddingParameters, ["loss"] = rung.Loss });
        json["ladder"] = ladder;
        var targets = new JsonArray();
        foreach (var target in prediction.Targets)
            targets.Add(new JsonObject { ["width"] = target.Trial.Width, ["params"] = target.Trial.NonEmbeddingParameters, ["verified"] = target.Measured is not null });
        json["targets"] = targets;
        if (prediction.Outcome.Backtest is { } backtest)
            json["backtest"] = new JsonObject { ["fitted_points"] = backtest.FittedPoints, ["mean_abs_relative_error"] = backtest.MeanAbsoluteRelativeError,
                ["max_abs_relative_error"] = backtest.MaxAbsoluteRelativeError };
        if (prediction.Cost.SearchAndLadderFraction is { } fraction) json["proxy_cost_fraction"] = fraction;
        json["warnings"] = new JsonArray([.. LadderWarnings.For(prediction).Select(w => (JsonNode)w)]);
        return json;
    }
}

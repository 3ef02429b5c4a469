using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Predictions;
using NanoLM.Runs;
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
        var bootstrap = new Option<int>("--bootstrap") { HelpName = "N", Description = "Bootstrap resamples of whole runs for the intervals.", DefaultValueFactory = _ => PredictDefaults.Bootstrap };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the bootstrap.", DefaultValueFactory = _ => PredictDefaults.BootstrapSeed };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var law = ChoiceOption.Optional("--law",
            $"The law, and so the recipe: power fits one loss per run at the fit step; chinchilla and annealing fit every checkpoint after the burn-in (default: predict.law, else {ScalingLaws.Name(PredictDefaults.Law)}).",
            PredictSpec.Laws);
        var burnIn = new Option<string?>("--burn-in") { HelpName = "auto|STEP", Description = "Whole-curve fits use checkpoints from this step on (default: predict.burn_in, else auto: the end of the initial plateau)." };
        var level = LevelOption.Create("predict.level");
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when the fit-quality gate finds the ladder is not a power law." };
        var command = new Command("predict", "Fit a scaling law to the trained ladder and predict the loss of the targets, with bootstrap intervals, a fit-quality gate (residuals, monotonicity, backtest) and the proxy's cost.")
        {
            target, fitStep, law, burnIn, bootstrap, seed, level, strict, json,
        };
        experiment.AddTo(command);
        command.SetAction(parsed =>
        {
            string specPath = experiment.SpecPath(parsed);
            var spec = experiment.LoadSpec(parsed);
            spec = spec with { Targets = [.. spec.Targets, .. (parsed.GetValue(target) ?? []).Select(ParseTarget)] };
            if (parsed.GetValue(law) is { } chosen) spec = spec with { Predict = spec.Predict with { Law = chosen } };
            if (parsed.GetValue(level) is { } chosenLevel) spec = spec with { Predict = spec.Predict with { Level = chosenLevel } };
            if (parsed.GetValue(burnIn) is { } burnInText) spec = spec with { Predict = spec.Predict with { BurnIn = ParseBurnIn(burnInText, spec.Train.Steps) } };
            if (parsed.GetValue(bootstrap) < 0) throw new UserError("--bootstrap must be zero or more");
            using var runs = experiment.OpenExisting(parsed);
            bool report = !parsed.GetValue(json);
            // The oracle means generating the built-in corpus: only for a floored fit or the report's plot, and then once.
            double? oracle = report || spec.Predict.LossFloor == LossFloor.Oracle
                ? ExperimentData.OracleLoss(spec, Path.GetDirectoryName(Path.GetFullPath(specPath))!)
                : null;
            var prediction = ExperimentPredictor.Predict(spec, runs,
                new FitOptions(Bootstrap: parsed.GetValue(bootstrap), Seed: parsed.GetValue(seed), LossFloor: oracle), parsed.GetValue(fitStep));
            if (!report)
                console.Profile.Out.Writer.WriteLine(Json(prediction).ToJsonString(FitJson.Options));
            else
            {
                Write(console, prediction);
                try
                {
                    console.WriteLine($"Report: {ReportCommand.Write(console, spec, specPath, runs, null, prediction, oracle).HtmlPath}");
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    // The prediction is what was asked for; a store on read-only media still gets one.
                    console.WriteLine($"Report: not written ({e.Message}); `dotnet nanolm report --out DIR` writes it elsewhere");
                }
            }
            if (parsed.GetValue(strict) && prediction.Gate is { Passed: false } gate)
                throw new UserError($"--strict: the fit-quality gate failed. {gate.Sentence}");
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

    static int? ParseBurnIn(string text, int steps)
    {
        if (text == "auto") return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int step) && step >= 0 && step < steps) return step;
        throw new UserError($"--burn-in '{text}' must be auto or a step from 0 to {steps - 1} (train.steps is {steps})");
    }

    static void Write(IAnsiConsole console, ExperimentPrediction prediction)
    {
        var fit = prediction.Outcome.Fit;
        string at = prediction.WholeCurve ? $"ladder at the last step ({prediction.FitStep})" : $"ladder at step {prediction.FitStep}";
        var ladder = new Table().Border(TableBorder.Rounded).Title(at)
            .AddColumn(new TableColumn("width").RightAligned()).AddColumn(new TableColumn("seed").RightAligned())
            .AddColumn(new TableColumn("params").RightAligned()).AddColumn(new TableColumn("val loss").RightAligned())
            .AddColumn(new TableColumn("fitted").RightAligned()).AddColumn(new TableColumn("residual").RightAligned());
        foreach (var rung in prediction.Rungs)
        {
            double fitted = prediction.Fitted(rung);
            ladder.AddRow($"{rung.Trial.Width}", $"{rung.Trial.Seed}", $"{rung.Trial.NonEmbeddingParameters:N0}", $"{rung.Loss:F4}", $"{fitted:F4}",
                ((rung.Loss - fitted) / fitted).ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture));
        }
        console.Write(ladder);
        if (prediction.WholeCurve)
        {
            int runs = prediction.Samples.Select(s => s.Run).Distinct().Count();
            string how = prediction.BurnInDetected ? "found automatically: the end of the initial plateau" : "set by predict.burn_in or --burn-in";
            console.WriteLine($"Whole-curve fit: {prediction.Samples.Count} validation checkpoints of {runs} runs from step {prediction.BurnIn} on (burn-in {how}).");
        }
        FitReport.Write(console, prediction.Outcome, prediction.WholeCurve
            ? $"the ladder's curves (non-embedding parameters, {(prediction.Law == ScalingLaw.Annealing ? "learning-rate areas" : "tokens seen")}, validation loss from step {prediction.BurnIn})"
            : $"the ladder (non-embedding parameters, validation loss at step {prediction.FitStep})", prediction.ParameterIntervalsWithheld);

        long largest = prediction.Rungs.Max(r => r.Trial.NonEmbeddingParameters);
        foreach (var (((target, p), expected), gain) in prediction.Targets.Zip(prediction.Outcome.Predictions).Zip(prediction.Expected).Zip(prediction.Gains))
        {
            string interval = p.HasInterval
                ? $"; {prediction.Plan.Spec.Predict.Level:P0} interval for one training [{p.Lower:F4}, {p.Upper:F4}], for the expected loss (the mean over trainings) [{expected.Lower:F4}, {expected.Upper:F4}]"
                : prediction.Gate?.Action == IntervalAction.Withheld ? " (no interval: the fit-quality gate failed)" : "";
            string measured = target.Measured is { } m ? $"; measured {m:F4}, error {p.RelativeError:+0.00%;-0.00%}" : "";
            console.MarkupLine(Markup.Escape(
                $"Target width {target.Trial.Width} ({target.Trial.NonEmbeddingParameters:N0} parameters, {(double)target.Trial.NonEmbeddingParameters / largest:F1}× the largest rung): " +
                $"predicted {p.Predicted:F4}{interval}{measured}"));
            console.WriteLine($"  gain over the widest rung (width {gain.WidestWidth}, {gain.WidestLoss:F4}): {gain.Gain:+0.00%;-0.00%}" +
                              (gain.HasInterval ? $" [{gain.Lower:+0.00%;-0.00%}, {gain.Upper:+0.00%;-0.00%}]" : ""));
        }
        if (prediction.Cost.SearchAndLadderFraction is { } fraction)
            console.WriteLine($"Proxy cost: search + ladder used {fraction:P1} of the FLOPs of one training of the largest target.");
        if (prediction.Gate is { } gate) WriteGate(console, gate);
    }

    static void WriteGate(IAnsiConsole console, FitQualityVerdict gate)
    {
        if (gate.Signal is { } signal) console.MarkupLine($"[yellow]{Markup.Escape(signal)}[/]");
        console.WriteLine("Fit quality: " + string.Join("; ", gate.Checks.Select(c => $"{c.Name} {(c.Passed ? "ok" : "FAILED")} ({c.Detail})")) + ".");
        if (gate.Passed) console.MarkupLine("[green]The ladder passes the fit-quality gate.[/]");
        else
        {
            console.MarkupLine($"[yellow]warning: {Markup.Escape(gate.Sentence!)}[/]");
            console.WriteLine(gate.Action == IntervalAction.Withheld
                ? "No interval: the ladder gives the fit nothing to stand on, so only the point prediction is shown."
                : "The interval was widened to cover the backtest's miss and the worst residual, scaled to the target's distance beyond the ladder.");
        }
        if (gate.RunNoise is { Assumed: false } noise)
            console.WriteLine($"Intervals include one run's seed noise (±{noise.Relative:P2}, 1 sd pooled over {noise.DegreesOfFreedom} degrees of freedom): they are for the loss of one training of the target.");
        foreach (string note in gate.Notes)
            console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
    }

    static JsonObject Json(ExperimentPrediction prediction)
    {
        var json = FitJson.Create(prediction.Outcome);
        if (prediction.ParameterIntervalsWithheld is { } withheld)
        {
            json.Remove("intervals");
            json["intervals_withheld"] = withheld;
        }
        // Each prediction's own interval is for one training of the target; the expected loss's leaves out its seed noise.
        foreach (var (node, expected) in json["predictions"]!.AsArray().Zip(prediction.Expected).Where(pair => pair.Second.HasInterval))
        {
            node!["expected_lower"] = expected.Lower;
            node["expected_upper"] = expected.Upper;
        }
        json["recipe"] = prediction.WholeCurve ? "whole-curve" : "single-step";
        json["fit_step"] = prediction.FitStep;
        if (prediction.WholeCurve) json["burn_in"] = prediction.BurnIn;
        json["x"] = "non_embedding_params";
        var ladder = new JsonArray();
        foreach (var rung in prediction.Rungs)
            ladder.Add(new JsonObject { ["run"] = rung.Trial.Identity.Hash, ["width"] = rung.Trial.Width, ["seed"] = rung.Trial.Seed,
                ["params"] = rung.Trial.NonEmbeddingParameters, ["loss"] = rung.Loss, ["fitted"] = prediction.Fitted(rung) });
        json["ladder"] = ladder;
        var targets = new JsonArray();
        foreach (var ((target, gain), baselines) in prediction.Targets.Zip(prediction.Gains).Zip(LadderBaselines.For(prediction)))
            targets.Add(new JsonObject
            {
                ["width"] = target.Trial.Width, ["params"] = target.Trial.NonEmbeddingParameters, ["verified"] = target.Measured is not null,
                ["gain_over_widest_rung"] = new JsonObject
                {
                    ["widest_width"] = gain.WidestWidth, ["widest_loss"] = gain.WidestLoss, ["gain"] = gain.Gain,
                    ["lower"] = gain.HasInterval ? gain.Lower : null, ["upper"] = gain.HasInterval ? gain.Upper : null, ["resolved"] = gain.Resolved,
                },
                ["baselines"] = new JsonObject { ["widest_rung"] = baselines.WidestRung, ["log_linear"] = baselines.LogLinear },
            });
        json["targets"] = targets;
        if (prediction.Outcome.Backtest is { } backtest)
            json["backtest"] = new JsonObject { ["fitted_points"] = backtest.FittedPoints, ["mean_abs_relative_error"] = backtest.MeanAbsoluteRelativeError,
                ["max_abs_relative_error"] = backtest.MaxAbsoluteRelativeError };
        if (prediction.Cost.SearchAndLadderFraction is { } fraction) json["proxy_cost_fraction"] = fraction;
        json["warnings"] = new JsonArray([.. LadderWarnings.For(prediction).Select(w => (JsonNode)w)]);
        if (prediction.Gate is { } gate)
            json["gate"] = new JsonObject
            {
                ["passed"] = gate.Passed,
                ["interval"] = gate.Action.ToString().ToLowerInvariant(),
                ["sentence"] = gate.Sentence,
                ["signal"] = gate.Signal,
                ["max_abs_residual"] = gate.MaxResidual,
                ["backtest_error"] = gate.BacktestError,
                ["checks"] = new JsonArray([.. gate.Checks.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["passed"] = c.Passed, ["detail"] = c.Detail })]),
                ["notes"] = new JsonArray([.. gate.Notes.Select(n => (JsonNode)n)]),
                ["run_noise"] = gate.RunNoise?.Relative,
                ["run_noise_assumed"] = gate.RunNoise?.Assumed,
            };
        return json;
    }
}

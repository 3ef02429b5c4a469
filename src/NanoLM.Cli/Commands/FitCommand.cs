using System.CommandLine;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Spec;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm fit FILE.csv --law …`: fit a scaling law to a table, predict other rows, bootstrap and backtest.</summary>
public static class FitCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with a header: params, tokens, flops (6·N·D when absent), loss; for training curves also run, step, lr. Rows with role=holdout are predicted, not fitted." };
        // annealing spans the curves of several sizes (N), curve-annealing the curve of one.
        var law = ChoiceOption.Optional<ScalingLaw>("--law",
            "The law: " + string.Join(", ", Enum.GetValues<ScalingLaw>().Select(l => $"{ScalingLaws.Name(l)} ({ScalingLaws.Create(l).Formula})")) + ".");
        law.Required = true;
        var axis = ChoiceOption.Create("--x", "What the power law runs over.", ScalingAxis.Params);
        var predict = new Option<string?>("--predict") { HelpName = "OTHER.csv", Description = "A CSV of the same columns to predict; rows with a loss are scored." };
        var bootstrap = new Option<int>("--bootstrap") { HelpName = "N", Description = "Resample whole runs this many times for intervals (0: none).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "Seed of the bootstrap's resampling.", DefaultValueFactory = _ => 0 };
        var level = LevelOption.Create();
        var fitter = new Option<string?>("--fitter") { Description = "lm (least squares on the loss) or huber-lbfgs (Huber on log loss from a grid of starts); default: the law's own." };
        fitter.AcceptOnlyFromAmong([.. FitterNames.All]);
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("fit", "Fit a scaling law to a CSV table and predict other rows, with bootstrap intervals and a leave-largest-out backtest.")
        {
            file, law, axis.Option, predict, bootstrap, seed, level, fitter, json,
        };
        command.SetAction(parsed => Run(console, new FitRequest(
            parsed.GetValue(file)!, parsed.GetValue(law)!.Value, axis.ValueIn(parsed), parsed.GetValue(predict), parsed.GetValue(bootstrap),
            parsed.GetValue(seed), parsed.GetValue(level) ?? PredictDefaults.Level, parsed.GetValue(fitter), parsed.GetValue(json))));
        return command;
    }

    sealed record FitRequest(string File, ScalingLaw Law, ScalingAxis Axis, string? Predict, int Bootstrap, int Seed, double Level, string? Fitter, bool Json);

    static int Run(IAnsiConsole console, FitRequest request)
    {
        if (request.Bootstrap < 0) throw new UserError("--bootstrap must be zero or more");
        var law = ScalingLaws.Create(request.Law, request.Axis);
        var rows = FitCsv.Read(request.File, law, lossRequired: true);
        var samples = FitCsv.Samples(rows, law, request.File);
        var targets = rows.Where(r => r.HeldOut).Select(r => r.ToTarget()).ToList();
        if (request.Predict is string predictFile)
            targets.AddRange(FitCsv.Read(predictFile, law, lossRequired: false).Select(r => r.ToTarget()));

        // The backtest is part of the human report only; JSON keeps FitJson's shape.
        var outcome = ScalingFit.Run(law, samples, targets,
            new FitOptions(request.Fitter, request.Bootstrap, request.Seed, request.Level, Backtest: !request.Json));
        if (request.Json)
            console.Profile.Out.Writer.WriteLine(FitJson.Create(outcome).ToJsonString(FitJson.Options));
        else
            FitReport.Write(console, outcome, request.File);
        return CliApp.Success;
    }
}

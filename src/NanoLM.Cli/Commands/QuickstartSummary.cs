using NanoLM.Predictions;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>The quickstart's closing lines: each target's prediction with its intervals (one training's, the expected loss's) and its gain over the widest rung, the backtest, the proxy's cost, the measured loss when verified, and what to run next.</summary>
static class QuickstartSummary
{
    public static void Write(IAnsiConsole console, ExperimentPrediction prediction)
    {
        var outcome = prediction.Outcome;
        long widest = prediction.Rungs.Max(r => r.Trial.NonEmbeddingParameters);
        foreach (var (((target, p), expected), gain) in prediction.Targets.Zip(outcome.Predictions).Zip(prediction.Expected).Zip(prediction.Gains))
        {
            string interval = Interval(p, prediction);
            console.MarkupLine(Markup.Escape(
                $"Predicted loss of width {target.Trial.Width} ({target.Trial.NonEmbeddingParameters:N0} parameters, " +
                $"{(double)target.Trial.NonEmbeddingParameters / widest:F1}× the widest rung): {p.Predicted:F4}{interval}"));
            if (p.HasInterval && expected.HasInterval)
                console.WriteLine($"The expected loss (the mean over many trainings): [{expected.Lower:F4}, {expected.Upper:F4}]; the interval above is for one training");
            console.WriteLine($"Gain over the widest rung (width {gain.WidestWidth}, {gain.WidestLoss:F4}): {gain.Gain:+0.00%;-0.00%}" +
                              (gain.HasInterval ? $", interval [{gain.Lower:+0.00%;-0.00%}, {gain.Upper:+0.00%;-0.00%}]" : ""));
            if (target.Measured is { } measured && p.RelativeError is { } error)
            {
                string inside = !p.HasInterval ? "" : measured >= p.Lower && measured <= p.Upper ? ", inside the interval" : ", outside the interval";
                console.MarkupLine(Markup.Escape($"Measured (trained with --verify): {measured:F4}; the prediction is off by {error:+0.00%;-0.00%}{inside}"));
            }
        }
        if (outcome.Backtest is { HeldOut.Count: > 0 } backtest)
            // Leave-largest-out: the held-out points are the widest rung's (one per seed, or per checkpoint for whole-curve fits).
            console.WriteLine($"Backtest: refitted without the widest rung, the law predicted its {Plural(backtest.HeldOut.Count, "held-out loss", "held-out losses")} " +
                              $"with mean |error| {backtest.MeanAbsoluteRelativeError:P2} (max {backtest.MaxAbsoluteRelativeError:P2})");
        if (prediction.Cost.SearchAndLadderFraction is { } fraction)
            console.WriteLine($"Proxy cost: search + ladder used {fraction:P1} of the FLOPs of one training of the largest target.");
        if (prediction.Gate is not { } gate) return;
        if (gate.Signal is { } signal) console.MarkupLine($"[yellow]{Markup.Escape(signal)}[/]");
        string checks = string.Join(", ", gate.Checks.Select(c => $"{c.Name} {(c.Passed ? "ok" : "FAILED")}"));
        if (gate.Passed) console.WriteLine($"Fit-quality gate: passed ({checks}).");
        else
        {
            // A failed gate's first line is what to change; the checks behind it follow.
            console.MarkupLine($"[yellow]{Markup.Escape($"Fit-quality gate: failed. {gate.Sentence}")}[/]");
            console.WriteLine($"Checks: {checks}.");
        }
        // A parameter on a bound is where the wall is, not what the ladder measured: name it, as predict does.
        if (gate.Checks.FirstOrDefault(c => c.Name == "identified" && !c.Passed) is { } unidentified)
            console.WriteLine($"Not pinned by the ladder: {unidentified.Detail}.");
        foreach (string note in gate.Notes)
            console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
    }

    // The gate may have widened the bootstrap's interval or withheld it; the words say which.
    static string Interval(Fitting.Prediction p, ExperimentPrediction prediction) => (p.HasInterval, prediction.Gate?.Action) switch
    {
        (false, IntervalAction.Withheld) => " (no interval: the fit-quality gate failed)",
        (false, _) => "",
        (true, IntervalAction.Widened) => $", interval [{p.Lower:F4}, {p.Upper:F4}] (widened by the fit-quality gate)",
        _ => $", {prediction.Plan.Spec.Predict.Level:P0} interval [{p.Lower:F4}, {p.Upper:F4}]",
    };

    public static void WriteNext(IAnsiConsole console, string directory, bool verified, TimeSpan elapsed, string reportPath)
    {
        string spec = Path.Combine(directory, "nanolm.yaml");
        console.WriteLine($"Report: {reportPath}");
        console.WriteLine($"Done in {(int)elapsed.TotalMinutes} min {elapsed.Seconds} s. Next:");
        if (!verified)
            console.WriteLine($"  dotnet nanolm quickstart{DirectoryArgument(directory)} --verify   # also train the target and compare");
        console.WriteLine($"  dotnet nanolm predict -c {spec}   # the fit, its residuals and the backtest in full");
        console.WriteLine($"  dotnet nanolm runs list -c {spec}   # every run in the store");
        console.WriteLine($"  edit {spec} and run the quickstart again: finished runs are kept, changed ones are trained");
    }

    static string Plural(int count, string one, string many) => count == 1 ? one : $"{count} {many}";

    /// <summary>How the user names the folder on the command line: nothing for the default.</summary>
    public static string DirectoryArgument(string directory) =>
        directory == QuickstartCommand.DefaultDirectory ? "" : $" --dir {directory}";
}

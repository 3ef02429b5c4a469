using System.Diagnostics;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>Progress as plain lines for logs and CI: a line per trial start and end, and one per evaluation. Thread-safe, for `--jobs`.</summary>
sealed class PlainTrainingProgress(IAnsiConsole console) : IExperimentProgress
{
    readonly object gate = new();
    readonly Stopwatch clock = Stopwatch.StartNew();
    double totalFlops, doneFlops;
    int total, started;
    StepMetrics? lastStep;

    public void Planned(IReadOnlyList<Trial> toTrain, int alreadySettled)
    {
        total = toTrain.Count;
        totalFlops = toTrain.Sum(t => t.TrainingFlops);
        Line($"plan: {toTrain.Count} trial(s) to train, {alreadySettled} already done");
    }

    public void TrialStarted(Trial trial, int? resumedFromStep)
    {
        int number;
        lock (gate) (number, lastStep) = (++started, null);
        Line($"[{number}/{Math.Max(total, number)}] {TrialLabel.Of(trial)}{(resumedFromStep is { } s ? $" resuming at step {s}" : "")}");
    }

    public void Held(Trial trial, string holder) =>
        Line($"{TrialLabel.Of(trial)}: {holder} is training it; this trainer waits for it after the rest");

    public void Step(Trial trial, StepMetrics metrics)
    {
        lock (gate) lastStep = metrics;
    }

    public void Evaluated(Trial trial, EvaluationMetrics metrics)
    {
        double done = doneFlops + trial.FlopsPerToken * metrics.Tokens;
        string eta = done > 0 && totalFlops > done ? $" eta {TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (totalFlops - done) / done):hh\\:mm\\:ss}" : "";
        string rate = lastStep is null ? "" : $" train {lastStep.TrainLoss:F3} {lastStep.TokensPerSecond / 1000:F1}k tok/s";
        Line($"  step {metrics.Step}/{trial.Settings.Steps} val {metrics.ValidationLoss:F4}{rate}{eta}");
    }

    public void TrialEnded(Trial trial, RunOutcome outcome)
    {
        lock (gate) doneFlops += trial.TrainingFlops;
        Line($"  {TrialLabel.Of(trial)} {outcome.ToString().ToLowerInvariant()}");
    }

    void Line(string text)
    {
        lock (gate) console.WriteLine(text);
    }
}

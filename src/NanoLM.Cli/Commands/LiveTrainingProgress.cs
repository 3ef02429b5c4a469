using NanoLM.Experiments;
using NanoLM.Plan;
using NanoLM.Runs;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>Progress on a terminal: one bar for the whole plan (by FLOPs, so its ETA weighs wide trials right) and one per trial.</summary>
sealed class LiveTrainingProgress(ProgressContext context) : IExperimentProgress
{
    ProgressTask? overall;
    ProgressTask? current;
    double flopsBeforeTrial;
    double lastValidation = double.NaN;

    public void Planned(IReadOnlyList<Trial> toTrain, int alreadySettled)
    {
        double total = Math.Max(1, toTrain.Sum(t => t.TrainingFlops));
        overall = context.AddTask($"[bold]plan[/]: {toTrain.Count} trial(s) to train, {alreadySettled} already done", maxValue: total);
    }

    public void TrialStarted(Trial trial, int? resumedFromStep)
    {
        current?.StopTask();
        lastValidation = double.NaN;
        flopsBeforeTrial = overall?.Value ?? 0;
        string resumed = resumedFromStep is { } step ? $" (resuming at step {step})" : "";
        current = context.AddTask(Markup.Escape(TrialLabel.Of(trial) + resumed), maxValue: trial.Settings.Steps);
        if (resumedFromStep is { } done) current.Value = done;
    }

    public void Step(Trial trial, StepMetrics metrics)
    {
        if (current is null || overall is null) return;
        current.Value = metrics.Step;
        overall.Value = flopsBeforeTrial + trial.FlopsPerToken * metrics.Tokens;
        string validation = double.IsNaN(lastValidation) ? "" : $" val {lastValidation:F3}";
        current.Description = Markup.Escape($"{TrialLabel.Of(trial)} step {metrics.Step}/{trial.Settings.Steps} loss {metrics.TrainLoss:F3}{validation} {metrics.TokensPerSecond / 1000:F1}k tok/s");
    }

    public void Evaluated(Trial trial, EvaluationMetrics metrics) => lastValidation = metrics.ValidationLoss;

    public void TrialEnded(Trial trial, RunOutcome outcome)
    {
        if (current is null) return;
        string final = double.IsNaN(lastValidation) ? "" : $" val {lastValidation:F3}";
        current.Description = Markup.Escape($"{TrialLabel.Of(trial)} {outcome.ToString().ToLowerInvariant()}{final}");
        if (outcome == RunOutcome.Finished) current.Value = current.MaxValue;
        current.StopTask();
        if (overall is not null) overall.Value = flopsBeforeTrial + trial.TrainingFlops;
    }
}

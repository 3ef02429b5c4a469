using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Store;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>
/// Progress on a terminal: one bar for the whole plan (by FLOPs, so its ETA weighs wide trials right) and one per trial.
/// Trials may run side by side (`--jobs`), so every update takes the lock.
/// </summary>
sealed class LiveTrainingProgress(ProgressContext context) : IExperimentProgress
{
    readonly object gate = new();
    readonly Dictionary<RunIdentity, (ProgressTask Task, double Validation, double FlopsDone)> trials = [];
    ProgressTask? overall;
    double flopsOfEndedTrials;

    public void Planned(IReadOnlyList<Trial> toTrain, int alreadySettled)
    {
        lock (gate)
            overall = context.AddTask($"[bold]plan[/]: {toTrain.Count} trial(s) to train, {alreadySettled} already done", maxValue: Math.Max(1, toTrain.Sum(t => t.TrainingFlops)));
    }

    public void TrialStarted(Trial trial, int? resumedFromStep)
    {
        lock (gate)
        {
            string resumed = resumedFromStep is { } step ? $" (resuming at step {step})" : "";
            var task = context.AddTask(Markup.Escape(TrialLabel.Of(trial) + resumed), maxValue: trial.Settings.Steps);
            if (resumedFromStep is { } done) task.Value = done;
            trials[trial.Identity] = (task, double.NaN, 0);
        }
    }

    public void Held(Trial trial, string holder)
    {
        lock (gate)
            context.AddTask(Markup.Escape($"{TrialLabel.Of(trial)}: {holder} is training it; this trainer waits for it after the rest"), maxValue: 1).IsIndeterminate = true;
    }

    public void Step(Trial trial, StepMetrics metrics)
    {
        lock (gate)
        {
            if (!trials.TryGetValue(trial.Identity, out var entry)) return;
            entry.Task.Value = metrics.Step;
            trials[trial.Identity] = entry with { FlopsDone = trial.FlopsPerToken * metrics.Tokens };
            string validation = double.IsNaN(entry.Validation) ? "" : $" val {entry.Validation:F3}";
            entry.Task.Description = Markup.Escape($"{TrialLabel.Of(trial)} step {metrics.Step}/{trial.Settings.Steps} loss {metrics.TrainLoss:F3}{validation} {metrics.TokensPerSecond / 1000:F1}k tok/s");
            UpdateOverall();
        }
    }

    public void Evaluated(Trial trial, EvaluationMetrics metrics)
    {
        lock (gate)
            if (trials.TryGetValue(trial.Identity, out var entry))
                trials[trial.Identity] = entry with { Validation = metrics.ValidationLoss };
    }

    public void TrialEnded(Trial trial, RunOutcome outcome)
    {
        lock (gate)
        {
            if (!trials.Remove(trial.Identity, out var entry)) return;
            string final = double.IsNaN(entry.Validation) ? "" : $" val {entry.Validation:F3}";
            entry.Task.Description = Markup.Escape($"{TrialLabel.Of(trial)} {outcome.ToString().ToLowerInvariant()}{final}");
            if (outcome == RunOutcome.Finished) entry.Task.Value = entry.Task.MaxValue;
            entry.Task.StopTask();
            flopsOfEndedTrials += trial.TrainingFlops;
            UpdateOverall();
        }
    }

    void UpdateOverall()
    {
        if (overall is not null) overall.Value = flopsOfEndedTrials + trials.Values.Sum(t => t.FlopsDone);
    }
}

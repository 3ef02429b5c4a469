using NanoLM.Experiments;
using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Experiments;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>
/// Trains the stages of an experiment in this process, with a live display on a terminal and plain lines otherwise;
/// Ctrl+C lets the running trial write its checkpoint and stops, so the same command resumes it.
/// </summary>
static class TrainingSession
{
    public static ExperimentRunResult Run(IAnsiConsole console, ExperimentSpec spec, string specPath, RunStore store, ExperimentData data, IReadOnlyList<TrialStage> stages)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // the trainer checkpoints and records the run as interrupted
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            ExperimentRunResult Train(IExperimentProgress progress) =>
                new ExperimentRunner(spec, specPath, store, new TorchTrialTrainer(data), progress).Run(stages, cancellation.Token);
            return console.Profile.Capabilities.Interactive
                ? console.Progress().AutoClear(false).HideCompleted(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(context => Train(new LiveTrainingProgress(context)))
                : Train(new PlainTrainingProgress(console));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

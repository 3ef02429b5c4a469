using System.Runtime.InteropServices;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Runs;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>
/// Training in this process, as `train` and `quickstart` do it: a live display on a terminal and plain lines otherwise;
/// Ctrl+C, or SIGTERM (a scheduler's time limit or preemption, `kill`), lets the running trial write its checkpoint and
/// stops, so the same command resumes it.
/// </summary>
static class TrainingSession
{
    public static ExperimentRunResult Run(IAnsiConsole console, ExperimentSpec spec, string specPath, RunStore store, ExperimentData data, IReadOnlyList<TrialStage> stages) =>
        Interruptible(cancellation => Display(console, progress =>
            new ExperimentRunner(spec, specPath, store, new TorchTrialTrainer(data), progress).Run(stages, cancellation.Token)));

    /// <summary>Runs <paramref name="work"/> with Ctrl+C and SIGTERM turned into a cancellation of the source it is given.</summary>
    public static T Interruptible<T>(Func<CancellationTokenSource, T> work)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // the trainer checkpoints and records the run as interrupted
            cancellation.Cancel();
        };
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(cancellation);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Progress bars with time remaining on a terminal; one line per event when the output is redirected.</summary>
    public static ExperimentRunResult Display(IAnsiConsole console, Func<IExperimentProgress, ExperimentRunResult> train) =>
        console.Profile.Capabilities.Interactive
            ? console.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context => train(new LiveTrainingProgress(context)))
            : train(new PlainTrainingProgress(console));
}

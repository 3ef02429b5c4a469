using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>Passes everything to the store's recorder and shows steps and evaluations as progress on the way.</summary>
sealed class ProgressRecorder(ITrainingRecorder inner, Trial trial, IExperimentProgress progress) : ITrainingRecorder
{
    public RunOutcome? Outcome { get; private set; }

    public void Step(StepMetrics metrics)
    {
        inner.Step(metrics);
        progress.Step(trial, metrics);
    }

    public void Evaluation(EvaluationMetrics metrics)
    {
        inner.Evaluation(metrics);
        progress.Evaluated(trial, metrics);
    }

    public void Checkpoint(int step, string path) => inner.Checkpoint(step, path);
    public void Event(string kind, string message) => inner.Event(kind, message);

    public void Finished(RunOutcome outcome, string? reason)
    {
        Outcome = outcome;
        inner.Finished(outcome, reason);
    }

    public void Flush() => inner.Flush();
}

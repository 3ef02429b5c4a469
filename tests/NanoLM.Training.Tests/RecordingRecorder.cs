using NanoLM.Store;

namespace NanoLM.Tests;

/// <summary>Keeps every event a trainer reports, and can act on a step (e.g. cancel the run).</summary>
sealed class RecordingRecorder(Action<StepMetrics>? onStep = null, Action<int>? onCheckpoint = null) : ITrainingRecorder
{
    public List<StepMetrics> Steps { get; } = [];
    public List<EvaluationMetrics> Evaluations { get; } = [];
    public List<(int Step, string Path)> Checkpoints { get; } = [];
    public List<(string Kind, string Message)> Events { get; } = [];
    public (RunOutcome Outcome, string? Reason)? Outcome { get; private set; }

    public void Step(StepMetrics metrics)
    {
        Steps.Add(metrics);
        onStep?.Invoke(metrics);
    }

    public void Evaluation(EvaluationMetrics metrics) => Evaluations.Add(metrics);
    public void Checkpoint(int step, string path)
    {
        onCheckpoint?.Invoke(step);
        Checkpoints.Add((step, path));
    }
    public void Event(string kind, string message) => Events.Add((kind, message));
    public void Finished(RunOutcome outcome, string? reason) => Outcome = (outcome, reason);
    public void Flush() { }
}

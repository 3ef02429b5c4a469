namespace NanoLM.Store;

/// <summary>How a training run ended.</summary>
public enum RunOutcome { Finished, Interrupted, Diverged, Failed }

/// <summary>One optimizer step, as the trainer measured it.</summary>
public sealed record StepMetrics(int Step, double TrainLoss, double LearningRate, long Tokens, double TokensPerSecond, double WallSeconds);

/// <summary>One evaluation on the fixed validation set shared by a whole ladder.</summary>
public sealed record EvaluationMetrics(int Step, double ValidationLoss, long Tokens, long PeakMemoryBytes, double WallSeconds);

/// <summary>
/// Where a trainer reports what happens to one run. The store implements it for `train`; a JSONL file implements it
/// for stand-alone use. Calls come from the training thread, in step order.
/// </summary>
public interface ITrainingRecorder
{
    void Step(StepMetrics metrics);
    void Evaluation(EvaluationMetrics metrics);
    void Checkpoint(int step, string path);
    void Event(string kind, string message);
    void Finished(RunOutcome outcome, string? reason);
    /// <summary>Makes everything reported so far durable (called after each checkpoint and at the end).</summary>
    void Flush();
}

namespace NanoLM.Store;

/// <summary>One step of a run: training metrics, and the validation loss when the step was evaluated.</summary>
public sealed record MetricRow(
    int Step,
    double? TrainLoss,
    double? ValidationLoss,
    double? LearningRate,
    long? Tokens,
    double? TokensPerSecond,
    double? WallSeconds,
    long? PeakMemoryBytes);

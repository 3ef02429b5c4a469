namespace NanoLM.Training.Optimization;

/// <summary>AdamW's base-width hyperparameters: η and λ are rescaled per parameter group by μP.</summary>
public sealed record AdamWSettings
{
    public double LearningRate { get; init; } = 1e-2;
    public double WeightDecay { get; init; } = 0.1;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.95;
    public double Epsilon { get; init; } = 1e-8;
}

namespace NanoLM.Spec;

/// <summary>The `train.optimizer:` section; LR and weight decay are the base-width values that μP rescales per group.</summary>
public sealed record OptimizerSpec
{
    public OptimizerKind Type { get; init; } = OptimizerKind.Adamw;
    public double Lr { get; init; } = 1e-2;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.95;
    public double Eps { get; init; } = 1e-8;
    public double WeightDecay { get; init; } = 0.1;
}

namespace NanoLM.Spec;

/// <summary>The three values μScaling tunes on the proxy and transfers unchanged: base LR, init std σ and α_out.</summary>
public sealed record Hyperparameters(double Lr, double InitStd, double OutputMult)
{
    public static Hyperparameters FromSpec(ExperimentSpec spec) => new(spec.Train.Optimizer.Lr, spec.Model.InitStd, spec.Model.AlphaOut);
}

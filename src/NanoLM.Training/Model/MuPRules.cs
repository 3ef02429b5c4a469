using NanoLM.Spec;

namespace NanoLM.Training.Model;

/// <summary>The μP table of docs/architecture.md as code: init std, LR factor, weight decay and forward multipliers per parameter role.</summary>
public static class MuPRules
{
    /// <summary>Init std of a weight matrix; SP uses m = 1, i.e. GPT-2's fixed σ and σ/√(2L).</summary>
    public static double InitStd(ParameterRole role, ModelConfig config)
    {
        double m = config.WidthMultiplier, sigma = config.InitStd;
        return role switch
        {
            ParameterRole.Embedding => sigma,
            ParameterRole.Hidden => sigma / Math.Sqrt(m),
            ParameterRole.ResidualOutput => sigma / Math.Sqrt(2.0 * config.Depth * m),
            ParameterRole.Readout => config.ZeroInitQueryAndReadout ? 0.0 : sigma,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Vectors start at 1 (gains) or 0 (biases)."),
        };
    }

    /// <summary>The group's Adam LR as a fraction of η: 1/m for matrices inside the blocks, 1 for everything else (the readout is vector-like).</summary>
    public static double LearningRateFactor(ParameterRole role, ModelConfig config) =>
        role is ParameterRole.Hidden or ParameterRole.ResidualOutput ? 1.0 / config.WidthMultiplier : 1.0;

    /// <summary>AdamW's per-group weight_decay for a base λ; LayerNorm and bias parameters never decay.</summary>
    public static double WeightDecay(ParameterRole role, ModelConfig config, double lambda, double groupLearningRate)
    {
        if (role == ParameterRole.Vector) return 0.0;
        if (config.WeightDecayMode == WeightDecayMode.Independent)
            // AdamW multiplies weight_decay by the LR; dividing by the base LR leaves a per-step shrink of λ × schedule.
            return groupLearningRate > 0 ? lambda / groupLearningRate : 0.0;
        return role is ParameterRole.Hidden or ParameterRole.ResidualOutput ? lambda * config.WidthMultiplier : lambda;
    }

    /// <summary>Multiplies the final hidden state before the readout: α_out/m (μP) or α_out (SP).</summary>
    public static double OutputScale(ModelConfig config) => config.OutputMultiplier / config.WidthMultiplier;

    /// <summary>Scale of q·k: α_attn/d_head under μP, 1/√d_head under SP.</summary>
    public static double AttentionScale(ModelConfig config) =>
        config.Parametrization == Parametrization.Mup
            ? config.AttentionMultiplier / config.HeadDim
            : 1.0 / Math.Sqrt(config.HeadDim);
}

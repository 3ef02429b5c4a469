using System.Text.Json.Serialization;
using NanoLM.Spec;

namespace NanoLM.Training.Model;

/// <summary>Family, shape and parametrization of one decoder: width, depth, head size, context, vocabulary and the μP multipliers.</summary>
public sealed record ModelConfig
{
    /// <summary>GPT-2 blocks or Llama blocks. Left out of the JSON for GPT, so GPT checkpoints written before Llama existed still load.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ModelFamily Family { get; init; } = ModelFamily.Gpt;
    public int Width { get; init; } = 64;
    public int Depth { get; init; } = 2;
    /// <summary>Fixed across a ladder, so the number of heads is Width / HeadDim.</summary>
    public int HeadDim { get; init; } = 16;
    public int SequenceLength { get; init; } = 64;
    public int VocabularySize { get; init; } = 256;
    /// <summary>d0: the width where μP equals SP and where σ, η and α were tuned.</summary>
    public int BaseWidth { get; init; } = 64;
    /// <summary>σ, the init std at the base width.</summary>
    public double InitStd { get; init; } = 0.02;
    /// <summary>α_in, multiplies the token embedding.</summary>
    public double InputMultiplier { get; init; } = 1.0;
    /// <summary>α_out, multiplies the final hidden state before the readout (divided by m under μP).</summary>
    public double OutputMultiplier { get; init; } = 1.0;
    /// <summary>α_attn, the μP attention scale is α_attn / head_dim.</summary>
    public double AttentionMultiplier { get; init; } = 1.0;
    public Parametrization Parametrization { get; init; } = Parametrization.Mup;
    /// <summary>Start the query weights and the readout at zero (μP's recommendation; it also makes μP ≡ SP at d0).</summary>
    public bool ZeroInitQueryAndReadout { get; init; } = true;
    // Checkpoints hold this record as JSON and resume only into an equal one: the name they were written with stays.
    [JsonPropertyName("WeightDecayScaling")]
    public WeightDecayMode WeightDecayMode { get; init; } = WeightDecayMode.Coupled;
    /// <summary>Give the attention and MLP Linear layers biases (the readout never has one; Llama blocks never have any).</summary>
    public bool LinearBias { get; init; }

    public int Heads => Width / HeadDim;

    /// <summary>m = d/d0 under μP; SP behaves as if every width were the base width.</summary>
    public double WidthMultiplier => Parametrization == Parametrization.Mup ? (double)Width / BaseWidth : 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> for shapes the model cannot be built with.</summary>
    public void Validate()
    {
        if (Width <= 0 || Depth <= 0 || HeadDim <= 0 || SequenceLength <= 0 || VocabularySize <= 0 || BaseWidth <= 0)
            throw new ArgumentException("Width, depth, head dim, sequence length, vocabulary size and base width must be positive.");
        if (Width % HeadDim != 0)
            throw new ArgumentException($"Width {Width} is not a multiple of head dim {HeadDim}.");
        if (!(InitStd >= 0))
            throw new ArgumentException($"Init std {InitStd} must be non-negative.");
        if (Family == ModelFamily.Llama && HeadDim % 2 != 0)
            throw new ArgumentException($"Rotary embeddings rotate pairs of dimensions; head dim {HeadDim} must be even.");
        if (Family == ModelFamily.Llama && LinearBias)
            throw new ArgumentException("Llama blocks have no biases.");
    }
}

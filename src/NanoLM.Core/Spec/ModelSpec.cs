namespace NanoLM.Spec;

/// <summary>The `model:` section: everything about the network except its width, which the plan sets per trial.</summary>
public sealed record ModelSpec
{
    public ModelFamily Family { get; init; } = ModelFamily.Gpt;
    public int Depth { get; init; } = 2;
    /// <summary>Fixed across widths, so n_head = width / head_dim; 8 gives every default rung at least 4 heads.</summary>
    public int HeadDim { get; init; } = 8;
    public int SeqLen { get; init; } = 128;
    /// <summary>d0 of μP: the width at which μP and SP coincide and where hyperparameters are tuned.</summary>
    public int BaseWidth { get; init; } = 32;
    public double AlphaIn { get; init; } = 1.0;
    public double AlphaOut { get; init; } = 1.0;
    public double AlphaAttn { get; init; } = 1.0;
    public double InitStd { get; init; } = 0.02;
    /// <summary>Zero-initialise the query weights and the readout.</summary>
    public bool ZeroInit { get; init; } = true;
}

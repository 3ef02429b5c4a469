using NanoLM.Spec;
using NanoLM.Training.Model;

namespace NanoLM.Training.CoordCheck;

/// <summary>A coord check: the model family, widths to compare, steps on one fixed batch, the LR, and the shared model shape.</summary>
public sealed record CoordCheckSettings
{
    public ModelFamily Family { get; init; } = ModelFamily.Gpt;
    public IReadOnlyList<int> Widths { get; init; } = [64, 128, 256, 512];
    public int Steps { get; init; } = 4;
    public Parametrization Parametrization { get; init; } = Parametrization.Mup;
    /// <summary>Deliberately large, so a width-dependent update shows up within a few steps.</summary>
    public double LearningRate { get; init; } = 1e-2;
    public int Depth { get; init; } = 2;
    public int HeadDim { get; init; } = 16;
    public int SequenceLength { get; init; } = 64;

    /// <summary>
    /// The context length that keeps the fixed batch's token count (batch × length) at or below the smallest width, and at
    /// most 64. After one Adam step the readout's update is a sum over the batch's positions; with more positions than
    /// width, its part that no single position shares dominates the logits and shrinks as 1/√width, a finite-width slope
    /// (−0.30 at widths 16–256 with 64 positions, −0.11 with 16) that is not a μP failure.
    /// </summary>
    public static int DefaultSequenceLength(IReadOnlyList<int> widths, int batchSize) => Math.Clamp(widths.Min() / batchSize, 1, 64);
    public int VocabularySize { get; init; } = 256;
    public int BatchSize { get; init; } = 1;
    public double InitStd { get; init; } = 0.02;
    /// <summary>d0; defaults to the smallest width.</summary>
    public int? BaseWidth { get; init; }
    public long Seed { get; init; }
    /// <summary>Repeats with seeds Seed, Seed+1, … and averages; one fixed batch makes a single seed's curve noisy.</summary>
    public int Seeds { get; init; } = 4;
    /// <summary>Intra-op threads; 0 leaves libtorch's default.</summary>
    public int Threads { get; init; }

    public ModelConfig ModelAt(int width) => new()
    {
        Family = Family,
        Width = width,
        Depth = Depth,
        HeadDim = HeadDim,
        SequenceLength = SequenceLength,
        VocabularySize = VocabularySize,
        BaseWidth = BaseWidth ?? Widths.Min(),
        InitStd = InitStd,
        Parametrization = Parametrization,
    };
}

namespace NanoLM.Spec;

/// <summary>Closed-form parameter and FLOP counts of nanolm's GPT and Llama families, so plans can be costed without loading torch.</summary>
public static class ModelSize
{
    /// <summary>Kaplan's N: attention and MLP matrices plus every LayerNorm, i.e. L·(12d² + 4d) + 2d (+ 9d per layer with Linear biases).</summary>
    public static long NonEmbeddingParameters(int width, int depth, bool linearBias = false)
    {
        long d = width;
        long perLayer = 12 * d * d + 4 * d + (linearBias ? 9 * d : 0);
        return depth * perLayer + 2 * d;
    }

    /// <summary>Kaplan's N of either family; Llama's is L·(4d² + 3·d·h + 2d) + d with h the SwiGLU hidden size (RMSNorm has gains only).</summary>
    public static long NonEmbeddingParameters(ModelFamily family, int width, int depth)
    {
        if (family == ModelFamily.Gpt) return NonEmbeddingParameters(width, depth);
        long d = width, h = SwiGluHiddenSize(width);
        long perLayer = 4 * d * d + 3 * d * h + 2 * d;
        return depth * perLayer + d;
    }

    /// <summary>
    /// The SwiGLU hidden size h: 8d/3 rounded up to a multiple of 8 (Llama's choice, with a small multiple for small widths).
    /// Three d×h matrices then hold about the 8d² parameters of GPT's 4d MLP, so at one width the two families have nearly
    /// the same N and a comparison measures the design rather than the size. h grows with d, as μP needs of a hidden width.
    /// </summary>
    public static int SwiGluHiddenSize(int width) => (width + 2) / 3 * 8;

    /// <summary>Token plus learned position embeddings: V·d + T·d.</summary>
    public static long EmbeddingParameters(int width, int vocabularySize, int sequenceLength) =>
        (long)vocabularySize * width + (long)sequenceLength * width;

    /// <summary>GPT: V·d + T·d; Llama: V·d (rotary positions have no parameters).</summary>
    public static long EmbeddingParameters(ModelFamily family, int width, int vocabularySize, int sequenceLength) =>
        family == ModelFamily.Gpt ? EmbeddingParameters(width, vocabularySize, sequenceLength) : (long)vocabularySize * width;

    /// <summary>The untied readout matrix: d·V.</summary>
    public static long ReadoutParameters(int width, int vocabularySize) => (long)width * vocabularySize;

    public static long TotalParameters(int width, int depth, int vocabularySize, int sequenceLength, bool linearBias = false) =>
        NonEmbeddingParameters(width, depth, linearBias)
        + EmbeddingParameters(width, vocabularySize, sequenceLength)
        + ReadoutParameters(width, vocabularySize);

    public static long TotalParameters(ModelFamily family, int width, int depth, int vocabularySize, int sequenceLength) =>
        NonEmbeddingParameters(family, width, depth)
        + EmbeddingParameters(family, width, vocabularySize, sequenceLength)
        + ReadoutParameters(width, vocabularySize);

    /// <summary>
    /// Training FLOPs per token, forward and backward: 6·(N + d·V) + 12·L·T·d (PaLM's accounting with the readout
    /// matmul counted and the full unmasked T×T attention), as the PyTorch reference benchmark counts them.
    /// </summary>
    public static double TrainingFlopsPerToken(int width, int depth, int vocabularySize, int sequenceLength, bool linearBias = false) =>
        6.0 * (NonEmbeddingParameters(width, depth, linearBias) + ReadoutParameters(width, vocabularySize))
        + 12.0 * depth * sequenceLength * width;

    /// <summary>The same accounting for either family; elementwise work (GELU, SwiGLU's product, rotary) is not counted.</summary>
    public static double TrainingFlopsPerToken(ModelFamily family, int width, int depth, int vocabularySize, int sequenceLength) =>
        6.0 * (NonEmbeddingParameters(family, width, depth) + ReadoutParameters(width, vocabularySize))
        + 12.0 * depth * sequenceLength * width;
}

namespace NanoLM.Runs;

/// <summary>Closed-form parameter and FLOP counts of nanolm's GPT, so plans can be costed without loading torch.</summary>
public static class ModelSize
{
    /// <summary>Kaplan's N: attention and MLP matrices plus every LayerNorm, i.e. L·(12d² + 4d) + 2d (+ 9d per layer with Linear biases).</summary>
    public static long NonEmbeddingParameters(int width, int depth, bool linearBias = false)
    {
        long d = width;
        long perLayer = 12 * d * d + 4 * d + (linearBias ? 9 * d : 0);
        return depth * perLayer + 2 * d;
    }

    /// <summary>Token plus learned position embeddings: V·d + T·d.</summary>
    public static long EmbeddingParameters(int width, int vocabularySize, int sequenceLength) =>
        (long)vocabularySize * width + (long)sequenceLength * width;

    /// <summary>The untied readout matrix: d·V.</summary>
    public static long ReadoutParameters(int width, int vocabularySize) => (long)width * vocabularySize;

    public static long TotalParameters(int width, int depth, int vocabularySize, int sequenceLength, bool linearBias = false) =>
        NonEmbeddingParameters(width, depth, linearBias)
        + EmbeddingParameters(width, vocabularySize, sequenceLength)
        + ReadoutParameters(width, vocabularySize);

    /// <summary>
    /// Training FLOPs per token, forward and backward: 6·(N + d·V) + 12·L·T·d (PaLM's accounting with the readout
    /// matmul counted and the full unmasked T×T attention), as the PyTorch reference benchmark counts them.
    /// </summary>
    public static double TrainingFlopsPerToken(int width, int depth, int vocabularySize, int sequenceLength, bool linearBias = false) =>
        6.0 * (NonEmbeddingParameters(width, depth, linearBias) + ReadoutParameters(width, vocabularySize))
        + 12.0 * depth * sequenceLength * width;
}

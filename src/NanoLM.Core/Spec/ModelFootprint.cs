namespace NanoLM.Spec;

/// <summary>Sizing helpers on top of <see cref="ModelSize"/>: the width for a parameter budget, and rough training memory.</summary>
internal static class ModelFootprint
{
    /// <summary>The multiple of <paramref name="headDim"/> whose non-embedding count is closest (in log) to <paramref name="parameters"/>.</summary>
    public static int WidthForParameters(ModelFamily family, long parameters, int depth, int headDim)
    {
        int best = headDim;
        double bestGap = double.PositiveInfinity;
        for (int width = headDim; width <= 1 << 16; width += headDim)
        {
            long count = ModelSize.NonEmbeddingParameters(family, width, depth);
            double gap = Math.Abs(Math.Log(count) - Math.Log(parameters));
            if (gap < bestGap) (best, bestGap) = (width, gap);
            else if (count > parameters) break;
        }
        return best;
    }

    /// <summary>
    /// Rough peak training memory in bytes (fp32): weights, gradients and two Adam moments (16 B per parameter), the
    /// activations kept for backward (about 68·d + 10·h·T bytes per token per layer in fp32, after Korthikanti et al.'s
    /// 34·d + 5·h·T at 16 bits), and the logits with their softmax and gradient (3 copies of B·T·V floats).
    /// </summary>
    public static double TrainingMemoryBytes(ModelFamily family, int depth, int width, int headDim, int seqLen, int vocabSize, int batch)
    {
        double parameters = ModelSize.TotalParameters(family, width, depth, vocabSize, seqLen);
        double heads = Math.Max(1, width / headDim);
        double tokens = (double)batch * seqLen;
        double activations = tokens * depth * (68.0 * width + 10.0 * heads * seqLen);
        double logits = 3.0 * 4.0 * tokens * vocabSize;
        return 16.0 * parameters + activations + logits;
    }
}

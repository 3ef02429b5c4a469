using static TorchSharp.torch;

namespace NanoLM.Training.Model;

/// <summary>
/// Rotary position embeddings (Su et al. 2021), in the rotate-half layout: dimension i of a head is paired with
/// i + d_head/2 and the pair is rotated by position · θ^(−2i/d_head). No parameters, so μP has nothing to scale.
/// </summary>
public static class RotaryEmbedding
{
    public const double Theta = 10_000;

    /// <summary>cos and sin of every position's angles, [time, headDim] each, in the model's number format on <paramref name="device"/>.</summary>
    public static (Tensor Cos, Tensor Sin) Tables(long time, int headDim, Device device, ScalarType dtype = ScalarType.Float32)
    {
        int half = headDim / 2;
        var cos = new float[time * headDim];
        var sin = new float[time * headDim];
        for (long t = 0; t < time; t++)
            for (int i = 0; i < half; i++)
            {
                // Angles in double: at long contexts a float product position·frequency loses the low digits.
                double angle = t * Math.Pow(Theta, -2.0 * i / headDim);
                long row = t * headDim;
                cos[row + i] = cos[row + i + half] = (float)Math.Cos(angle);
                sin[row + i] = sin[row + i + half] = (float)Math.Sin(angle);
            }
        return (tensor(cos, [time, headDim]).to(dtype, device), tensor(sin, [time, headDim]).to(dtype, device));
    }

    /// <summary>Rotates queries or keys of shape [batch, heads, time, headDim] by their positions.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long half = x.shape[^1] / 2;
        // (x1, x2) ↦ (x1·cos − x2·sin, x2·cos + x1·sin), written as x·cos + (−x2, x1)·sin.
        var rotated = cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], dim: -1);
        return (x * cos).Plus(rotated * sin).MoveToOuterDisposeScope();
    }
}

using NanoLM.Compare;
using NanoLM.Spec;

namespace NanoLM.Tests.Compare;

/// <summary>Ladders made from a known law plus chosen per-rung noise, to test `compare` without training anything.</summary>
static class CompareLadders
{
    public static readonly int[] Widths = [32, 48, 64, 96, 128];

    /// <summary>One rung per width (seed <paramref name="seed"/>), N = 12·d² per layer × 2, loss E + A·N^(−α) + noise[i].</summary>
    public static ComparedLadder Law(string name, double e, double a, double alpha, double[]? noise = null, int seed = 0, int[]? widths = null)
    {
        widths ??= Widths;
        var rungs = widths.Select((w, i) =>
        {
            long n = 24L * w * w;
            return new ComparedRung($"{name}-{w}-{seed}", w, seed, n, e + a * Math.Pow(n, -alpha) + (noise?[i] ?? 0));
        }).ToList();
        var spec = new ExperimentSpec { Name = name };
        return new ComparedLadder(name, $"/experiments/{name}/nanolm.yaml", spec, 1000, 1_000_000, rungs, []);
    }
}

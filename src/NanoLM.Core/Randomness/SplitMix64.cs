namespace NanoLM.Randomness;

/// <summary>A tiny seeded generator whose output is fixed by its algorithm, not by a runtime version (unlike System.Random).</summary>
internal sealed class SplitMix64(ulong seed)
{
    ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int NextInt(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);

    /// <summary>An independent generator for a named purpose, so adding draws to one stream never shifts another.</summary>
    public static SplitMix64 For(int seed, ulong stream) =>
        new(new SplitMix64((ulong)(uint)seed * 0x100000001B3UL ^ stream * 0xD1B54A32D192ED03UL).NextUInt64());

    public void Shuffle<T>(T[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Index drawn from a cumulative distribution whose last entry is the total mass.</summary>
    public int Sample(ReadOnlySpan<double> cumulative)
    {
        double u = NextDouble() * cumulative[^1];
        int index = cumulative.BinarySearch(u);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }
}

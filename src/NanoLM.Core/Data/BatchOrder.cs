namespace NanoLM.Data;

/// <summary>Which token windows each training step reads: a pure function of (seed, step), the same for every width of a ladder.</summary>
public sealed class BatchOrder
{
    readonly long _seed;
    readonly long _windowCount;

    public BatchOrder(long seed, int batchSize, int sequenceLength, long tokenCount)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize));
        if (sequenceLength <= 0) throw new ArgumentOutOfRangeException(nameof(sequenceLength));
        // A window holds sequenceLength inputs plus the one extra token its last target needs.
        if (tokenCount < sequenceLength + 1)
            throw new ArgumentException($"{tokenCount} tokens cannot hold one window of {sequenceLength + 1}.", nameof(tokenCount));
        _seed = seed;
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
        TokenCount = tokenCount;
        _windowCount = tokenCount - sequenceLength;
    }

    public int BatchSize { get; }
    public int SequenceLength { get; }
    public long TokenCount { get; }

    /// <summary>Start offsets of the batch of <paramref name="step"/>; each window spans SequenceLength + 1 tokens.</summary>
    public long[] Offsets(long step)
    {
        var offsets = new long[BatchSize];
        for (int row = 0; row < BatchSize; row++)
            offsets[row] = (long)(Mix((ulong)_seed, (ulong)step, (ulong)row) % (ulong)_windowCount);
        return offsets;
    }

    /// <summary>Evenly spaced windows over a validation source: fixed, seed-free, and shared by a whole ladder.</summary>
    public static long[] ValidationOffsets(int windowCount, int sequenceLength, long tokenCount)
    {
        long available = tokenCount - sequenceLength;
        if (available <= 0)
            throw new ArgumentException($"{tokenCount} validation tokens cannot hold one window of {sequenceLength + 1}.", nameof(tokenCount));
        int count = (int)Math.Min(windowCount, available);
        var offsets = new long[count];
        for (int i = 0; i < count; i++)
            offsets[i] = (long)((double)i / count * available);
        return offsets;
    }

    // Counter-based hashing (SplitMix64 finaliser over the three inputs) needs no state, so resuming at any step is exact.
    static ulong Mix(ulong seed, ulong step, ulong row)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL;
        z = Finalise(z ^ (step + 0x632BE59BD9B4E019UL));
        z = Finalise(z ^ (row + 0xD6E8FEB86659FD93UL));
        return z;
    }

    static ulong Finalise(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

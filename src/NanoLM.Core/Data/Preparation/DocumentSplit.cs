using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NanoLM.Data.Shards;

namespace NanoLM.Data.Preparation;

/// <summary>Assigns each unit to validation by a seeded hash of its content, so the split is reproducible and duplicates stay together.</summary>
public sealed class DocumentSplit(double validationFraction, int seed)
{
    public double ValidationFraction { get; } = validationFraction is >= 0 and < 1
        ? validationFraction
        : throw new UserError($"--val-fraction must be in [0, 1), not {validationFraction}");

    public int Seed { get; } = seed;

    public bool IsValidation(CorpusUnit unit)
    {
        var checksum = new ShardChecksum();
        Span<byte> seedBytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(seedBytes, Seed);
        checksum.Append(seedBytes);
        if (unit.Utf8 is not null) checksum.Append(unit.Utf8);
        if (unit.Tokens is not null) checksum.Append(MemoryMarshal.AsBytes(unit.Tokens.AsSpan()));
        return Uniform(checksum.Value) < ValidationFraction;
    }

    // FNV's low bits are weak; a final avalanche mix spreads every input bit before taking 53 of them.
    static double Uniform(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}

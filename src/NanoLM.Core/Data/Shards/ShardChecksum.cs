namespace NanoLM.Data.Shards;

/// <summary>64-bit FNV-1a over a shard's token bytes, fed in pieces: cheap, and enough to catch truncation and corruption.</summary>
public struct ShardChecksum
{
    const ulong OffsetBasis = 14695981039346656037UL;
    const ulong Prime = 1099511628211UL;

    ulong _state;
    bool _started;

    public readonly ulong Value => _started ? _state : OffsetBasis;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        ulong state = Value;
        foreach (byte b in bytes)
            state = (state ^ b) * Prime;
        _state = state;
        _started = true;
    }

    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var checksum = new ShardChecksum();
        checksum.Append(bytes);
        return checksum.Value;
    }
}

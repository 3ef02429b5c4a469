using System.Buffers.Binary;
using System.Text;

namespace NanoLM.Data.Shards;

/// <summary>The fixed 128-byte header in front of a token shard's tokens (all integers little-endian).</summary>
/// <remarks>
/// Layout: magic "NLMSHARD" (8) · format version u32 · header size u32 · bytes per token u32 · vocabulary size u32 ·
/// token count i64 · FNV-1a checksum of the token bytes u64 · tokenizer name, UTF-8, zero-padded (64) · reserved (24).
/// </remarks>
public sealed record ShardHeader(string TokenizerName, int VocabularySize, long TokenCount, ulong Checksum)
{
    public const int Size = 128;
    public const int CurrentFormatVersion = 1;
    public const int MaxTokenizerNameBytes = 64;
    public static ReadOnlySpan<byte> Magic => "NLMSHARD"u8;

    /// <summary>uint16 while every id fits, uint32 beyond: halves the file for vocabularies up to 65 536.</summary>
    public int BytesPerToken => BytesPerTokenFor(VocabularySize);

    public long PayloadBytes => TokenCount * BytesPerToken;

    public static int BytesPerTokenFor(int vocabularySize) => vocabularySize <= 65536 ? 2 : 4;

    public void WriteTo(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], CurrentFormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], (uint)BytesPerToken);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], (uint)VocabularySize);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], TokenCount);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], Checksum);
        Encoding.UTF8.GetBytes(TokenizerName, destination.Slice(40, MaxTokenizerNameBytes));
    }

    /// <summary>Parses and checks a header; <paramref name="fileName"/> only names the file in error messages.</summary>
    public static ShardHeader Parse(ReadOnlySpan<byte> source, string fileName)
    {
        if (source.Length < Size || !source.StartsWith(Magic))
            throw new UserError($"{fileName} is not a nanolm token shard (it does not start with the NLMSHARD header); prepare it with `dotnet nanolm data prepare`");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        if (version != CurrentFormatVersion)
            throw new UserError($"{fileName} is a token shard of format version {version}; this nanolm reads version {CurrentFormatVersion}, so prepare the data again");
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        uint bytesPerToken = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]);
        uint vocabularySize = BinaryPrimitives.ReadUInt32LittleEndian(source[20..]);
        long tokenCount = BinaryPrimitives.ReadInt64LittleEndian(source[24..]);
        ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(source[32..]);
        var nameBytes = source.Slice(40, MaxTokenizerNameBytes);
        int nameLength = nameBytes.IndexOf((byte)0) is var zero and >= 0 ? zero : nameBytes.Length;
        if (headerSize != Size || vocabularySize is 0 or > int.MaxValue || tokenCount < 0
            || bytesPerToken != BytesPerTokenFor((int)vocabularySize))
            throw new UserError($"{fileName} has a damaged token-shard header (header size {headerSize}, {bytesPerToken} bytes per token, vocabulary {vocabularySize}, {tokenCount} tokens)");
        return new ShardHeader(Encoding.UTF8.GetString(nameBytes[..nameLength]), (int)vocabularySize, tokenCount, checksum);
    }
}

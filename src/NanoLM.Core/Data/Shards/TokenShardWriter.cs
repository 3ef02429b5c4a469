using System.Buffers.Binary;

namespace NanoLM.Data.Shards;

/// <summary>Streams tokens into a shard under a temporary name and renames it into place only when complete.</summary>
public sealed class TokenShardWriter : IDisposable
{
    readonly string _path;
    readonly string _temporaryPath;
    readonly string _tokenizerName;
    readonly int _vocabularySize;
    readonly int _bytesPerToken;
    readonly FileStream _stream;
    readonly byte[] _buffer = new byte[1 << 16];
    int _buffered;
    ShardChecksum _checksum;
    bool _completed;

    public TokenShardWriter(string path, string tokenizerName, int vocabularySize)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(tokenizerName) > ShardHeader.MaxTokenizerNameBytes)
            throw new ArgumentException($"tokenizer name '{tokenizerName}' is longer than {ShardHeader.MaxTokenizerNameBytes} bytes", nameof(tokenizerName));
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        _path = Path.GetFullPath(path);
        _temporaryPath = _path + ".partial";
        _tokenizerName = tokenizerName;
        _vocabularySize = vocabularySize;
        _bytesPerToken = ShardHeader.BytesPerTokenFor(vocabularySize);
        _stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        // The header is written last, once the count and checksum are known; reserve its room now.
        _stream.Write(new byte[ShardHeader.Size]);
    }

    public long TokenCount { get; private set; }

    public void Write(ReadOnlySpan<int> tokens)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        foreach (int token in tokens)
        {
            if ((uint)token >= (uint)_vocabularySize)
                throw new ArgumentOutOfRangeException(nameof(tokens), $"token {token} is outside the vocabulary [0, {_vocabularySize})");
            if (_buffered + _bytesPerToken > _buffer.Length)
                Flush();
            if (_bytesPerToken == 2)
                BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_buffered), (ushort)token);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_buffered), (uint)token);
            _buffered += _bytesPerToken;
        }
        TokenCount += tokens.Length;
    }

    /// <summary>Writes the header, flushes to disk and renames the file to its final name; returns the header.</summary>
    public ShardHeader Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        Flush();
        var header = new ShardHeader(_tokenizerName, _vocabularySize, TokenCount, _checksum.Value);
        var bytes = new byte[ShardHeader.Size];
        header.WriteTo(bytes);
        _stream.Position = 0;
        _stream.Write(bytes);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporaryPath, _path, overwrite: true);
        _completed = true;
        return header;
    }

    void Flush()
    {
        _checksum.Append(_buffer.AsSpan(0, _buffered));
        _stream.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }

    public void Dispose()
    {
        if (_completed) return;
        _completed = true;
        _stream.Dispose();
        File.Delete(_temporaryPath);
    }

    /// <summary>Writes a whole shard at once.</summary>
    public static ShardHeader WriteAll(string path, string tokenizerName, int vocabularySize, ReadOnlySpan<int> tokens)
    {
        using var writer = new TokenShardWriter(path, tokenizerName, vocabularySize);
        writer.Write(tokens);
        return writer.Complete();
    }
}

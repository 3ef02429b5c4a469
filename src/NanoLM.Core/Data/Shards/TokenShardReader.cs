using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace NanoLM.Data.Shards;

/// <summary>A memory-mapped token shard, checked on open (magic, version, size, checksum).</summary>
public sealed class TokenShardReader : ITokenSource, IDisposable
{
    readonly MemoryMappedFile? _file;
    readonly MemoryMappedViewAccessor? _view;
    readonly int _bytesPerToken;

    TokenShardReader(string path, ShardHeader header, MemoryMappedFile? file, MemoryMappedViewAccessor? view)
    {
        Path = path;
        Header = header;
        _file = file;
        _view = view;
        _bytesPerToken = header.BytesPerToken;
    }

    public string Path { get; }

    public ShardHeader Header { get; }

    public long Count => Header.TokenCount;

    public int VocabularySize => Header.VocabularySize;

    public string TokenizerName => Header.TokenizerName;

    /// <summary>Opens a shard; a missing, truncated, foreign or corrupted file is a <see cref="UserError"/> naming it.</summary>
    public static TokenShardReader Open(string path, bool verifyChecksum = true)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new UserError($"{path}: token shard not found");
        long length = new FileInfo(fullPath).Length;
        var headerBytes = new byte[ShardHeader.Size];
        using (var stream = File.OpenRead(fullPath))
            stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false);
        var header = ShardHeader.Parse(length < ShardHeader.Size ? headerBytes.AsSpan(0, (int)length) : headerBytes, path);
        long expected = ShardHeader.Size + header.PayloadBytes;
        if (length != expected)
            throw new UserError($"{path} is {(length < expected ? "truncated" : "longer than its header says")}: the header promises {header.TokenCount:N0} tokens ({expected:N0} bytes) but the file has {length:N0} bytes");
        if (header.TokenCount == 0)
            return new TokenShardReader(fullPath, header, null, null);

        var file = MemoryMappedFile.CreateFromFile(fullPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(ShardHeader.Size, header.PayloadBytes, MemoryMappedFileAccess.Read);
        var reader = new TokenShardReader(fullPath, header, file, view);
        if (verifyChecksum && reader.ComputeChecksum() != header.Checksum)
        {
            reader.Dispose();
            throw new UserError($"{path} is corrupted: its tokens do not match the checksum in its header; prepare the data again");
        }
        return reader;
    }

    public void Read(long start, Span<int> destination)
    {
        if (start < 0 || start + destination.Length > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"tokens [{start}, {start + destination.Length}) are outside [0, {Count})");
        if (destination.IsEmpty) return;
        if (_bytesPerToken == 4)
        {
            // Little-endian uint32 ids below 2^31 have the same bits as int: copy straight into the destination.
            ReadChunked(start, destination, 4, static (view, offset, target) =>
            {
                var buffer = ArrayPool<int>.Shared.Rent(target.Length);
                view.ReadArray(offset, buffer, 0, target.Length);
                buffer.AsSpan(0, target.Length).CopyTo(target);
                ArrayPool<int>.Shared.Return(buffer);
            });
            return;
        }
        ReadChunked(start, destination, 2, static (view, offset, target) =>
        {
            var buffer = ArrayPool<ushort>.Shared.Rent(target.Length);
            view.ReadArray(offset, buffer, 0, target.Length);
            for (int i = 0; i < target.Length; i++)
                target[i] = buffer[i];
            ArrayPool<ushort>.Shared.Return(buffer);
        });
    }

    delegate void ChunkReader(MemoryMappedViewAccessor view, long byteOffset, Span<int> target);

    // Pooled buffers of bounded size: the trainer reads a few hundred tokens at a time from several threads.
    void ReadChunked(long start, Span<int> destination, int bytesPerToken, ChunkReader read)
    {
        const int ChunkTokens = 1 << 16;
        for (int done = 0; done < destination.Length; done += ChunkTokens)
        {
            int n = Math.Min(ChunkTokens, destination.Length - done);
            read(_view!, (start + done) * bytesPerToken, destination.Slice(done, n));
        }
    }

    ulong ComputeChecksum()
    {
        var checksum = new ShardChecksum();
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < Header.PayloadBytes; offset += buffer.Length)
        {
            int n = (int)Math.Min(buffer.Length, Header.PayloadBytes - offset);
            _view!.ReadArray(offset, buffer, 0, n);
            checksum.Append(buffer.AsSpan(0, n));
        }
        return checksum.Value;
    }

    public void Dispose()
    {
        _view?.Dispose();
        _file?.Dispose();
    }
}

using NanoLM.Data;
using NanoLM.Data.Shards;

namespace NanoLM.Tests.Data;

public sealed class TokenShardTests
{
    [Theory]
    [InlineData(256, 2)]
    [InlineData(65_536, 2)]
    [InlineData(100_277, 4)]
    public void Shard_round_trips_its_tokens_and_header(int vocabularySize, int bytesPerToken)
    {
        using var dir = new TempDirectory();
        var tokens = Enumerable.Range(0, 200_000).Select(i => (int)((i * 7919L) % vocabularySize)).ToArray();
        string path = dir.File("a.tokens");
        TokenShardWriter.WriteAll(path, "test", vocabularySize, tokens);

        using var shard = TokenShardReader.Open(path);
        Assert.Equal(tokens.Length, shard.Count);
        Assert.Equal(vocabularySize, shard.VocabularySize);
        Assert.Equal("test", shard.TokenizerName);
        Assert.Equal(bytesPerToken, shard.Header.BytesPerToken);
        Assert.Equal(ShardHeader.Size + (long)tokens.Length * bytesPerToken, new FileInfo(path).Length);
        Assert.Equal(tokens, shard.ReadAll());
        var middle = new int[1000];
        shard.Read(123_456, middle);
        Assert.Equal(tokens.AsSpan(123_456, 1000).ToArray(), middle);
    }

    [Fact]
    public void Empty_shard_opens_with_no_tokens()
    {
        using var dir = new TempDirectory();
        TokenShardWriter.WriteAll(dir.File("empty.tokens"), "byte", 256, []);
        using var shard = TokenShardReader.Open(dir.File("empty.tokens"));
        Assert.Equal(0, shard.Count);
    }

    [Fact]
    public void Truncated_shard_is_rejected_with_its_file_name()
    {
        using var dir = new TempDirectory();
        string path = dir.File("cut.tokens");
        TokenShardWriter.WriteAll(path, "byte", 256, Enumerable.Range(0, 1000).Select(i => i % 256).ToArray());
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(stream.Length - 10);

        var error = Assert.Throws<UserError>(() => TokenShardReader.Open(path));
        Assert.Contains("cut.tokens is truncated", error.Message);
    }

    [Fact]
    public void Foreign_file_is_rejected_with_its_file_name()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("notes.txt", "this is not a shard, just some text that is long enough to hold a header..........................................................");

        var error = Assert.Throws<UserError>(() => TokenShardReader.Open(path));
        Assert.Contains("notes.txt is not a nanolm token shard", error.Message);
    }

    [Fact]
    public void File_shorter_than_a_header_is_rejected_with_its_file_name()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("tiny.tokens", "NLM");
        Assert.Contains("tiny.tokens", Assert.Throws<UserError>(() => TokenShardReader.Open(path)).Message);
    }

    [Fact]
    public void Corrupted_token_fails_the_checksum()
    {
        using var dir = new TempDirectory();
        string path = dir.File("flip.tokens");
        TokenShardWriter.WriteAll(path, "byte", 256, Enumerable.Range(0, 1000).Select(i => i % 256).ToArray());
        var bytes = File.ReadAllBytes(path);
        bytes[ShardHeader.Size + 500] ^= 1;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<UserError>(() => TokenShardReader.Open(path));
        Assert.Contains("flip.tokens is corrupted", error.Message);
    }

    [Fact]
    public void Shard_of_another_format_version_is_rejected()
    {
        using var dir = new TempDirectory();
        string path = dir.File("future.tokens");
        TokenShardWriter.WriteAll(path, "byte", 256, [1, 2, 3]);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 9;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<UserError>(() => TokenShardReader.Open(path));
        Assert.Contains("future.tokens is a token shard of format version 9", error.Message);
    }

    [Fact]
    public void Abandoned_writer_leaves_no_file_behind()
    {
        using var dir = new TempDirectory();
        using (var writer = new TokenShardWriter(dir.File("never.tokens"), "byte", 256))
            writer.Write([1, 2, 3]);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Writer_refuses_tokens_outside_the_vocabulary()
    {
        using var dir = new TempDirectory();
        using var writer = new TokenShardWriter(dir.File("x.tokens"), "byte", 256);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write([256]));
    }
}

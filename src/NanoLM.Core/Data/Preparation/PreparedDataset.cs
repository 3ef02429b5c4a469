using NanoLM.Data.Shards;

namespace NanoLM.Data.Preparation;

/// <summary>A folder made by `data prepare`, opened: its manifest and memory-mapped train and validation shards.</summary>
public sealed class PreparedDataset : IDisposable
{
    PreparedDataset(string directory, DatasetManifest manifest, TokenShardReader train, TokenShardReader validation)
    {
        Directory = directory;
        Manifest = manifest;
        Train = train;
        Validation = validation;
    }

    public string Directory { get; }

    public DatasetManifest Manifest { get; }

    public TokenShardReader Train { get; }

    public TokenShardReader Validation { get; }

    public int VocabularySize => Manifest.VocabularySize;

    /// <summary>Opens and checks a prepared folder; any mismatch between manifest and shards is a <see cref="UserError"/>.</summary>
    public static PreparedDataset Open(string directory)
    {
        var manifest = DatasetManifest.Load(directory);
        var train = OpenShard(directory, manifest, manifest.Train);
        try
        {
            var validation = OpenShard(directory, manifest, manifest.Validation);
            return new PreparedDataset(directory, manifest, train, validation);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    static TokenShardReader OpenShard(string directory, DatasetManifest manifest, ShardSummary summary)
    {
        var shard = TokenShardReader.Open(Path.Combine(directory, summary.File));
        if (shard.Header.Checksum != summary.Checksum || shard.Count != summary.Tokens
            || shard.TokenizerName != manifest.Tokenizer || shard.VocabularySize != manifest.VocabularySize)
        {
            shard.Dispose();
            throw new UserError($"{shard.Path} does not match {Path.Combine(directory, DatasetManifest.FileName)} (another preparation overwrote one of them); prepare the data again");
        }
        return shard;
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}

namespace NanoLM.Spec;

/// <summary>The `data:` section: the built-in synthetic corpus (with its seed) or prepared token shards.</summary>
public sealed record DataSpec
{
    public DataSource Source { get; init; } = DataSource.Synthetic;
    public int Seed { get; init; } = 1234;
    public string? Path { get; init; }
    /// <summary>Used for parameter and FLOP accounting; 256 is the byte-level tokenizer.</summary>
    public int VocabSize { get; init; } = 256;
    /// <summary>The synthetic language's shape (lexicon, topics, Zipf exponent); ignored for shards.</summary>
    public SyntheticLanguageSpec Language { get; init; } = new();
}

namespace NanoLM.Data.Tokenizers;

/// <summary>Looks tokenizers up by the name a user types or a shard records.</summary>
public static class TokenizerCatalog
{
    public static IReadOnlyList<string> Names { get; } = [ByteTokenizer.TokenizerName, Cl100kTokenizer.TokenizerName, O200kTokenizer.TokenizerName];

    public static ITokenizer Create(string name) => name.ToLowerInvariant() switch
    {
        ByteTokenizer.TokenizerName => new ByteTokenizer(),
        Cl100kTokenizer.TokenizerName or "cl100k_base" => new Cl100kTokenizer(),
        O200kTokenizer.TokenizerName or "o200k_base" => new O200kTokenizer(),
        _ => throw new UserError($"unknown tokenizer '{name}'; choose one of: {string.Join(", ", Names)}"),
    };
}

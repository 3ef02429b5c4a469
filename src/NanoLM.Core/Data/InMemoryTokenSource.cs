namespace NanoLM.Data;

/// <summary>Tokens held in an array: the synthetic corpus, and small sources in tests.</summary>
public sealed class InMemoryTokenSource : ITokenSource
{
    readonly int[] _tokens;

    public InMemoryTokenSource(int[] tokens, int vocabularySize)
    {
        foreach (int token in tokens)
            if ((uint)token >= (uint)vocabularySize)
                throw new ArgumentOutOfRangeException(nameof(tokens), $"token {token} is outside the vocabulary [0, {vocabularySize})");
        _tokens = tokens;
        VocabularySize = vocabularySize;
    }

    public long Count => _tokens.Length;

    public int VocabularySize { get; }

    public void Read(long start, Span<int> destination) =>
        _tokens.AsSpan(checked((int)start), destination.Length).CopyTo(destination);
}

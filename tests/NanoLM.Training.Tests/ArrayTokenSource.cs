using NanoLM.Data;

namespace NanoLM.Tests;

/// <summary>An in-memory token source for tests, independent of the shard reader and synthetic corpus.</summary>
sealed class ArrayTokenSource(int[] tokens, int vocabularySize) : ITokenSource
{
    public long Count => tokens.Length;
    public int VocabularySize => vocabularySize;
    public void Read(long start, Span<int> destination) => tokens.AsSpan((int)start, destination.Length).CopyTo(destination);

    /// <summary>A repeating random phrase: learnable, so a small model should drive its loss near zero.</summary>
    public static ArrayTokenSource RepeatedPhrase(int phraseLength, int repeats, int vocabularySize, int seed)
    {
        var random = new Random(seed);
        var phrase = Enumerable.Range(0, phraseLength).Select(_ => random.Next(vocabularySize)).ToArray();
        return new ArrayTokenSource(Enumerable.Repeat(phrase, repeats).SelectMany(p => p).ToArray(), vocabularySize);
    }

    public static ArrayTokenSource Random(int count, int vocabularySize, int seed)
    {
        var random = new Random(seed);
        return new ArrayTokenSource(Enumerable.Range(0, count).Select(_ => random.Next(vocabularySize)).ToArray(), vocabularySize);
    }
}

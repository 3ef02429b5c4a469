namespace NanoLM.Data;

/// <summary>A read-only sequence of token ids: a prepared shard, or the built-in synthetic corpus.</summary>
public interface ITokenSource
{
    /// <summary>How many tokens there are.</summary>
    long Count { get; }

    /// <summary>Token ids are in [0, VocabularySize).</summary>
    int VocabularySize { get; }

    /// <summary>Copies tokens [start, start + destination.Length) into <paramref name="destination"/>.</summary>
    void Read(long start, Span<int> destination);
}

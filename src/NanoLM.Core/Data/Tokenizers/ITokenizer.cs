namespace NanoLM.Data.Tokenizers;

/// <summary>Turns text into token ids and back; every prepared shard records which tokenizer produced it.</summary>
public interface ITokenizer
{
    /// <summary>The name users type (`byte`, `cl100k`, `o200k`) and shards record.</summary>
    string Name { get; }

    /// <summary>Every id this tokenizer emits is in [0, VocabularySize).</summary>
    int VocabularySize { get; }

    /// <summary>Ids appended after each document so that documents do not run into each other.</summary>
    IReadOnlyList<int> DocumentSeparator { get; }

    /// <summary>Appends the ids of <paramref name="text"/> to <paramref name="destination"/>.</summary>
    void Encode(string text, List<int> destination);

    /// <summary>The text that <paramref name="tokens"/> stand for.</summary>
    string Decode(IReadOnlyList<int> tokens);
}

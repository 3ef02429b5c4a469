using Microsoft.ML.Tokenizers;

namespace NanoLM.Data.Tokenizers;

/// <summary>Shared shell over Microsoft.ML.Tokenizers' tiktoken encodings, whose data ships in NuGet packages.</summary>
public abstract class TiktokenAdapter : ITokenizer
{
    const string EndOfText = "<|endoftext|>";

    readonly TiktokenTokenizer _tokenizer;

    // The vocabulary size is tiktoken's n_vocab: ordinary ranks plus special tokens, whose ids sit at the top.
    protected TiktokenAdapter(string encodingName, int vocabularySize)
    {
        _tokenizer = TiktokenTokenizer.CreateForEncoding(encodingName);
        VocabularySize = vocabularySize;
        DocumentSeparator = _tokenizer.SpecialTokens is { } specials && specials.TryGetValue(EndOfText, out int endOfText)
            ? [endOfText]
            : [];
    }

    public abstract string Name { get; }

    public int VocabularySize { get; }

    public IReadOnlyList<int> DocumentSeparator { get; }

    public void Encode(string text, List<int> destination) =>
        destination.AddRange(_tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true));

    public string Decode(IReadOnlyList<int> tokens) => _tokenizer.Decode(tokens);
}

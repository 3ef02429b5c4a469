namespace NanoLM.Data.Tokenizers;

/// <summary>GPT-4o's o200k_base BPE (about 200k tokens).</summary>
public sealed class O200kTokenizer() : TiktokenAdapter("o200k_base", 200_019)
{
    public const string TokenizerName = "o200k";

    public override string Name => TokenizerName;
}

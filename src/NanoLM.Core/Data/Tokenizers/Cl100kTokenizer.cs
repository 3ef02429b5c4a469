namespace NanoLM.Data.Tokenizers;

/// <summary>GPT-4's cl100k_base BPE (about 100k tokens).</summary>
public sealed class Cl100kTokenizer() : TiktokenAdapter("cl100k_base", 100_277)
{
    public const string TokenizerName = "cl100k";

    public override string Name => TokenizerName;
}

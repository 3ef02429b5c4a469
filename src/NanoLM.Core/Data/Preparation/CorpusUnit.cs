namespace NanoLM.Data.Preparation;

/// <summary>A piece of a document small enough to be assigned to train or validation on its own.</summary>
/// <param name="Source">The input file, for messages.</param>
/// <param name="Utf8">The text as UTF-8 (null for pre-tokenized input).</param>
/// <param name="Tokens">Pre-tokenized ids from a .bin file (null for text).</param>
/// <param name="EndsDocument">True on a document's last piece; the tokenizer's separator follows it.</param>
/// <param name="InputBytes">Bytes of the input file this piece accounts for, for progress.</param>
public sealed record CorpusUnit(string Source, byte[]? Utf8, int[]? Tokens, bool EndsDocument, long InputBytes);

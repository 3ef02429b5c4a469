using System.Text;

namespace NanoLM.Data.Tokenizers;

/// <summary>One token per UTF-8 byte: vocabulary 256, nothing to download, nothing to learn.</summary>
public sealed class ByteTokenizer : ITokenizer
{
    public const string TokenizerName = "byte";

    public string Name => TokenizerName;

    public int VocabularySize => 256;

    // A newline keeps the last line of one document apart from the first line of the next.
    public IReadOnlyList<int> DocumentSeparator { get; } = ['\n'];

    public void Encode(string text, List<int> destination)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        EncodeUtf8(bytes, destination);
    }

    /// <summary>Appends already-encoded UTF-8 bytes, skipping the round trip through a string.</summary>
    public static void EncodeUtf8(ReadOnlySpan<byte> utf8, List<int> destination)
    {
        destination.EnsureCapacity(destination.Count + utf8.Length);
        foreach (byte b in utf8)
            destination.Add(b);
    }

    public string Decode(IReadOnlyList<int> tokens)
    {
        var bytes = new byte[tokens.Count];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = checked((byte)tokens[i]);
        return Encoding.UTF8.GetString(bytes);
    }
}

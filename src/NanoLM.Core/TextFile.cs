using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace NanoLM;

/// <summary>
/// Decodes a file a person writes (a spec, a CSV) as text, and refuses bytes that are not: a NUL byte or an invalid UTF-8
/// sequence says the file is binary (or in an encoding we do not read), and echoing it back would print garbage.
/// UTF-8 with or without a byte-order mark is read, and so is UTF-16 with its mark (what some Windows editors save).
/// </summary>
public static class TextFile
{
    /// <summary>Where the first byte that is not text sits, and what it is.</summary>
    public sealed record NotText(int Line, int Column, long Offset, string What)
    {
        public override string ToString() => $"{What} at byte {Offset}";
    }

    public static bool TryDecode(byte[] bytes, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out NotText? notText)
    {
        notText = null;
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            // With its mark, UTF-16 is text; its NUL bytes are half of every ASCII character.
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            text = encoding.GetString(bytes, 2, bytes.Length - 2);
            return true;
        }
        int start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        var body = bytes.AsSpan(start);
        int nul = body.IndexOf((byte)0);
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done && (nul < 0 || read < nul))
        {
            notText = At(bytes, start + read, $"an invalid UTF-8 sequence (0x{body[read]:X2})");
            text = null;
            return false;
        }
        if (nul >= 0)
        {
            notText = At(bytes, start + nul, "a NUL byte");
            text = null;
            return false;
        }
        text = new string(chars, 0, written);
        return true;
    }

    static NotText At(byte[] bytes, int offset, string what)
    {
        var before = bytes.AsSpan(0, offset);
        int line = before.Count((byte)'\n') + 1;
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new NotText(line, offset - lineStart + 1, offset, what);
    }
}

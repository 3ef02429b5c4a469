using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace NanoLM.Data.Preparation;

/// <summary>Reads `data prepare` inputs (text files, folders, .jsonl, nanoGPT .bin) as a deterministic sequence of units.</summary>
/// <remarks>
/// A text file or a .bin file is one document, a JSONL line is one document. Long documents are cut into pieces of
/// about <see cref="PieceBytes"/> (text at line ends) so that even a single-file corpus can be split by hash.
/// </remarks>
public static class CorpusReader
{
    public const int PieceBytes = 64 * 1024;

    /// <summary>Expands folders (recursively, in ordinal order) and checks that every input exists.</summary>
    public static IReadOnlyList<string> ExpandInputs(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                files.AddRange(found);
            }
            else if (File.Exists(input))
                files.Add(input);
            else
                throw new UserError($"{input}: no such file or folder");
        }
        if (files.Count == 0)
            throw new UserError("the corpus is empty: the inputs hold no files");
        return files;
    }

    /// <summary>The units of one input file, in order.</summary>
    public static IEnumerable<CorpusUnit> Read(string file, int vocabularySize)
    {
        string extension = Path.GetExtension(file).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" => ReadJsonLines(file),
            ".bin" => ReadTokenFile(file, vocabularySize),
            _ => ReadTextFile(file),
        };
    }

    static IEnumerable<CorpusUnit> ReadTextFile(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        int start = bytes.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        CheckIsText(file, bytes, start);
        if (bytes.Length == start)
            yield break;
        while (start < bytes.Length)
        {
            int end = Math.Min(bytes.Length, start + PieceBytes);
            if (end < bytes.Length)
            {
                // Cut after a newline when there is one in the piece, so pieces are whole lines.
                int newline = bytes.AsSpan(start, end - start).LastIndexOf((byte)'\n');
                if (newline >= 0) end = start + newline + 1;
                else while (end < bytes.Length && (bytes[end] & 0xC0) == 0x80) end++;
            }
            bool last = end == bytes.Length;
            yield return new CorpusUnit(file, bytes[start..end], null, last, end - start);
            start = end;
        }
    }

    static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Binary junk (NUL and other control bytes, or bytes that are not UTF-8) is a user error, with its line.
    static void CheckIsText(string file, byte[] bytes, int start)
    {
        var span = bytes.AsSpan(start);
        for (int i = 0; i < span.Length; i++)
        {
            byte b = span[i];
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C))
                throw new UserError($"{file}:{LineOf(span, i)}: not a text file (control byte 0x{b:X2} at byte {start + i}); pass text, .jsonl or .bin files");
        }
        try
        {
            StrictUtf8.GetCharCount(span);
        }
        catch (DecoderFallbackException e)
        {
            int at = Math.Max(0, e.Index);
            throw new UserError($"{file}:{LineOf(span, Math.Min(at, span.Length))}: not UTF-8 text (invalid byte sequence near byte {start + at})");
        }
    }

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static int LineOf(ReadOnlySpan<byte> bytes, int index) => bytes[..index].Count((byte)'\n') + 1;

    static IEnumerable<CorpusUnit> ReadJsonLines(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        int lineNumber = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                throw new UserError($"{file}:{lineNumber + 1}: not UTF-8 text");
            }
            if (line is null) yield break;
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string text = TextField(file, lineNumber, line);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            yield return new CorpusUnit(file, utf8, null, EndsDocument: true, Encoding.UTF8.GetByteCount(line) + 1);
        }
    }

    static string TextField(string file, int lineNumber, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw new UserError($"{file}:{lineNumber}: expected a JSON object with a \"text\" field, found {json.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            if (!json.RootElement.TryGetProperty("text", out var text))
                throw new UserError($"{file}:{lineNumber}: the JSON object has no \"text\" field");
            if (text.ValueKind != JsonValueKind.String)
                throw new UserError($"{file}:{lineNumber}: the \"text\" field is a {text.ValueKind.ToString().ToLowerInvariant()}, not a string");
            return text.GetString()!;
        }
        catch (JsonException e)
        {
            throw new UserError($"{file}:{lineNumber}: not valid JSON ({FirstSentence(e.Message)})");
        }
    }

    static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    // nanoGPT's train.bin / val.bin: raw little-endian uint16 ids, no header.
    static IEnumerable<CorpusUnit> ReadTokenFile(string file, int vocabularySize)
    {
        long length = new FileInfo(file).Length;
        if (length % 2 != 0)
            throw new UserError($"{file}: not a nanoGPT token file (raw uint16 tokens): its length, {length} bytes, is odd");
        if (length == 0) yield break;
        using var stream = File.OpenRead(file);
        var buffer = new byte[PieceBytes];
        long position = 0;
        while (true)
        {
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read == 0) yield break;
            var tokens = new int[read / 2];
            for (int i = 0; i < tokens.Length; i++)
            {
                tokens[i] = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(2 * i));
                if (tokens[i] >= vocabularySize)
                    throw new UserError($"{file}: token {tokens[i]} at position {position + i} is outside the tokenizer's vocabulary of {vocabularySize}; prepare .bin files with the tokenizer that produced them");
            }
            position += tokens.Length;
            yield return new CorpusUnit(file, null, tokens, EndsDocument: position * 2 == length, read);
        }
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NanoLM.Store;

/// <summary>A run's settings JSON as flat "section.key" → text pairs, for tables, diffs and exports.</summary>
public static class RunSettingsView
{
    public static SortedDictionary<string, string> Flatten(string settingsJson) => Flatten(Encoding.UTF8.GetBytes(settingsJson));

    public static SortedDictionary<string, string> Flatten(ReadOnlySpan<byte> settingsUtf8)
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(settingsUtf8, (key, value) => flat[key.ToString()] = value.ToString());
        return flat;
    }

    internal delegate void SettingVisitor(ReadOnlySpan<char> key, ReadOnlySpan<char> value);

    /// <summary>
    /// Every scalar of the settings JSON as its dotted key and its text (strings unquoted, null as "", numbers as
    /// written); arrays are skipped. The spans are only valid during the call.
    /// </summary>
    internal static void Walk(ReadOnlySpan<byte> settingsUtf8, SettingVisitor visit)
    {
        var decoder = new Decoder(visit);
        try
        {
            Walk(settingsUtf8, ref decoder);
        }
        finally
        {
            decoder.Return();
        }
    }

    internal interface IVisitor
    {
        void Visit(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> value);
    }

    /// <summary>
    /// <see cref="Walk(ReadOnlySpan{byte}, SettingVisitor)"/> in UTF-8, as the store holds the settings: nothing is
    /// decoded, and a struct visitor is called directly, so a table of thousands of runs pays only for the reading.
    /// </summary>
    internal static void Walk<TVisitor>(ReadOnlySpan<byte> settingsUtf8, ref TVisitor visitor) where TVisitor : struct, IVisitor
    {
        byte[]? rented = null;
        Span<byte> key = stackalloc byte[256];
        // key[..prefix] is the dotted path of the open object ("model."); a property's name follows it. The prefixes
        // of the enclosing objects wait in `outer`: settings nest two levels, and a deeper document is still read.
        Span<int> outer = stackalloc int[8];
        int depth = 0, prefix = 0, name = -1;
        var reader = new Utf8JsonReader(settingsUtf8);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        int needed = prefix + reader.ValueSpan.Length + 1;
                        if (needed > key.Length)
                        {
                            byte[] larger = ArrayPool<byte>.Shared.Rent(2 * needed);
                            key[..prefix].CopyTo(larger);
                            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                            key = rented = larger;
                        }
                        name = reader.CopyString(key[prefix..]);
                        break;
                    case JsonTokenType.StartObject:
                        if (name < 0) break;
                        if (depth == outer.Length)
                        {
                            int[] deeper = new int[2 * outer.Length];
                            outer.CopyTo(deeper);
                            outer = deeper;
                        }
                        outer[depth++] = prefix;
                        prefix += name;
                        key[prefix++] = (byte)'.';
                        name = -1;
                        break;
                    case JsonTokenType.EndObject:
                        if (depth > 0) prefix = outer[--depth];
                        break;
                    case JsonTokenType.StartArray:
                        reader.Skip();
                        name = -1;
                        break;
                    default:
                        if (name < 0) break;
                        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                        {
                            byte[] unescaped = new byte[reader.ValueSpan.Length];
                            visitor.Visit(key[..(prefix + name)], unescaped.AsSpan(0, reader.CopyString(unescaped)));
                        }
                        else visitor.Visit(key[..(prefix + name)], reader.TokenType == JsonTokenType.Null ? [] : reader.ValueSpan);
                        name = -1;
                        break;
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes each pair to UTF-16 for a <see cref="SettingVisitor"/>, in buffers it rents.</summary>
    struct Decoder(SettingVisitor visit) : IVisitor
    {
        char[] key = ArrayPool<char>.Shared.Rent(256), value = ArrayPool<char>.Shared.Rent(256);

        public void Visit(scoped ReadOnlySpan<byte> keyUtf8, scoped ReadOnlySpan<byte> valueUtf8)
        {
            Grow(ref key, keyUtf8.Length);
            Grow(ref value, valueUtf8.Length);
            visit(key.AsSpan(0, Encoding.UTF8.GetChars(keyUtf8, key)), value.AsSpan(0, Encoding.UTF8.GetChars(valueUtf8, value)));
        }

        public readonly void Return()
        {
            ArrayPool<char>.Shared.Return(key);
            ArrayPool<char>.Shared.Return(value);
        }

        static void Grow(ref char[] buffer, int length)
        {
            if (length <= buffer.Length) return;
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(length);
        }
    }
}

/// <summary>
/// The flattened settings of many runs at once: a column per "section.key" and an array of values per run, each
/// distinct text stored once. `runs list` reads thousands of runs, and a dictionary of fresh strings per run kept the
/// garbage collector busier than everything else it did.
/// </summary>
public sealed class RunSettingsTable
{
    readonly Dictionary<string, int> columns = new(StringComparer.Ordinal);
    readonly List<byte[]> keyUtf8Of = [];
    readonly Dictionary<string, byte[]> texts = new(StringComparer.Ordinal); // each distinct text once, with its UTF-8
    readonly List<string?[]> rows = [];

    public RunSettingsTable(IEnumerable<RunRecord> runs) : this(runs.Select(run => run.Settings.Utf8)) { }

    public RunSettingsTable(IEnumerable<string> settingsJson) : this(settingsJson.Select(json => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(json))) { }

    RunSettingsTable(IEnumerable<ReadOnlyMemory<byte>> settingsUtf8)
    {
        var reader = new RowReader(this);
        foreach (var json in settingsUtf8)
        {
            RunSettingsView.Walk(json.Span, ref reader);
            rows.Add(reader.Finish());
        }
    }

    /// <summary>
    /// Reads one run at a time. The runs of one experiment have the same keys in the same order and mostly the same
    /// values, so the n-th pair of the run before is compared first, as the UTF-8 the store holds; only what differs is
    /// decoded and looked up.
    /// </summary>
    struct RowReader(RunSettingsTable table) : RunSettingsView.IVisitor
    {
        List<(int Column, string Text, byte[] Utf8)> previous = [], row = [];

        public void Visit(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> value)
        {
            int n = row.Count;
            bool sameKey = n < previous.Count && key.SequenceEqual(table.keyUtf8Of[previous[n].Column]);
            if (sameKey && value.SequenceEqual(previous[n].Utf8))
            {
                row.Add(previous[n]);
                return;
            }
            int column = sameKey ? previous[n].Column : table.Column(key);
            var (text, utf8) = table.Text(value);
            row.Add((column, text, utf8));
        }

        /// <summary>The run just read as one value (or null) per column; the next run is compared with it.</summary>
        public string?[] Finish()
        {
            int width = 0;
            foreach (var pair in row) width = Math.Max(width, pair.Column + 1);
            var values = new string?[width];
            foreach (var pair in row) values[pair.Column] = pair.Text;
            (previous, row) = (row, previous);
            row.Clear();
            return values;
        }
    }

    int Column(ReadOnlySpan<byte> key)
    {
        string name = Encoding.UTF8.GetString(key);
        if (columns.TryGetValue(name, out int column)) return column;
        columns.Add(name, column = keyUtf8Of.Count);
        keyUtf8Of.Add(key.ToArray());
        return column;
    }

    (string Text, byte[] Utf8) Text(ReadOnlySpan<byte> value)
    {
        var textOf = texts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = value.Length <= 128 ? stackalloc char[128] : new char[value.Length];
        var chars = buffer[..Encoding.UTF8.GetChars(value, buffer)];
        if (textOf.TryGetValue(chars, out string? text, out byte[]? utf8)) return (text, utf8);
        text = chars.ToString();
        texts.Add(text, utf8 = value.ToArray());
        return (text, utf8);
    }

    public int Count => rows.Count;

    /// <summary>Every key some run has, in ordinal order.</summary>
    public IReadOnlyList<string> Keys => [.. columns.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyCollection<string> KeySet => columns.Keys;

    /// <summary>The run's value of <paramref name="key"/>, or null when the run does not have it.</summary>
    public string? Value(int run, string key) =>
        columns.TryGetValue(key, out int column) && column < rows[run].Length ? rows[run][column] : null;

    /// <summary>Run <paramref name="run"/>'s settings as a dictionary, without copying them.</summary>
    public IReadOnlyDictionary<string, string> Row(int run) => new RowView(this, run);

    /// <summary>The keys whose value is not the same in every run (a key missing from some runs counts as differing).</summary>
    public IReadOnlyList<string> VaryingKeys() =>
        [.. columns.Where(pair => Varies(pair.Value)).Select(pair => pair.Key).Order(StringComparer.Ordinal)];

    bool Varies(int column)
    {
        string? first = null;
        foreach (var values in rows)
        {
            // Equal texts are one string, so comparing references compares text.
            string? value = column < values.Length ? values[column] : null;
            if (value is null) return true;
            first ??= value;
            if (!ReferenceEquals(value, first)) return true;
        }
        return false;
    }

    sealed class RowView(RunSettingsTable table, int run) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => table.Value(run, key) ?? throw new KeyNotFoundException(key);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) =>
            (value = table.Value(run, key)) is not null;

        public bool ContainsKey(string key) => table.Value(run, key) is not null;

        public IEnumerable<string> Keys => this.Select(pair => pair.Key);

        public IEnumerable<string> Values => this.Select(pair => pair.Value);

        public int Count => table.rows[run].Count(value => value is not null);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            table.columns.Where(pair => pair.Value < table.rows[run].Length && table.rows[run][pair.Value] is not null)
                .Select(pair => KeyValuePair.Create(pair.Key, table.rows[run][pair.Value]!))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

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
        char[] key = ArrayPool<char>.Shared.Rent(256), value = ArrayPool<char>.Shared.Rent(256);
        try
        {
            var reader = new Utf8JsonReader(settingsUtf8);
            // key[..prefix] is the dotted path of the open object ("model."); a property's name follows it.
            var prefixes = new Stack<int>();
            int prefix = 0, name = -1;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        Grow(ref key, prefix + reader.ValueSpan.Length + 1);
                        name = reader.CopyString(key.AsSpan(prefix));
                        break;
                    case JsonTokenType.StartObject:
                        if (name < 0) break;
                        prefixes.Push(prefix);
                        prefix += name;
                        key[prefix++] = '.';
                        name = -1;
                        break;
                    case JsonTokenType.EndObject:
                        if (prefixes.Count > 0) prefix = prefixes.Pop();
                        break;
                    case JsonTokenType.StartArray:
                        reader.Skip();
                        name = -1;
                        break;
                    default:
                        if (name < 0) break;
                        Grow(ref value, reader.ValueSpan.Length);
                        int length = reader.TokenType switch
                        {
                            JsonTokenType.String => reader.CopyString(value),
                            JsonTokenType.Null => 0,
                            _ => Encoding.UTF8.GetChars(reader.ValueSpan, value),
                        };
                        visit(key.AsSpan(0, prefix + name), value.AsSpan(0, length));
                        name = -1;
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(key);
            ArrayPool<char>.Shared.Return(value);
        }
    }

    static void Grow(ref char[] buffer, int length)
    {
        if (length <= buffer.Length) return;
        char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(length, 2 * buffer.Length));
        buffer.CopyTo(larger, 0);
        ArrayPool<char>.Shared.Return(buffer);
        buffer = larger;
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
    readonly List<string> keyOf = [];
    readonly HashSet<string> texts = new(StringComparer.Ordinal);
    readonly List<string?[]> rows = [];

    public RunSettingsTable(IEnumerable<RunRecord> runs) : this(runs.Select(run => run.Settings.Utf8)) { }

    public RunSettingsTable(IEnumerable<string> settingsJson) : this(settingsJson.Select(json => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(json))) { }

    RunSettingsTable(IEnumerable<ReadOnlyMemory<byte>> settingsUtf8)
    {
        var columnOf = columns.GetAlternateLookup<ReadOnlySpan<char>>();
        var textOf = texts.GetAlternateLookup<ReadOnlySpan<char>>();
        // The runs of one experiment have the same keys in the same order and mostly the same values, so the n-th pair
        // of the run before is checked first; the lookups by hash are for what differs.
        var previous = new List<(int Column, string Text)>();
        var row = new List<(int Column, string Text)>();
        foreach (var json in settingsUtf8)
        {
            RunSettingsView.Walk(json.Span, (key, value) =>
            {
                int n = row.Count;
                bool sameKey = n < previous.Count && key.SequenceEqual(keyOf[previous[n].Column]);
                int column = sameKey ? previous[n].Column : Column(columnOf, key);
                string? text = sameKey && value.SequenceEqual(previous[n].Text) ? previous[n].Text : null;
                if (text is null && !textOf.TryGetValue(value, out text)) texts.Add(text = value.ToString());
                row.Add((column, text));
            });
            int width = 0;
            for (int i = 0; i < row.Count; i++) width = Math.Max(width, row[i].Column + 1);
            var values = new string?[width];
            for (int i = 0; i < row.Count; i++) values[row[i].Column] = row[i].Text;
            rows.Add(values);
            (previous, row) = (row, previous);
            row.Clear();
        }
    }

    int Column(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> columnOf, ReadOnlySpan<char> key)
    {
        if (columnOf.TryGetValue(key, out int column)) return column;
        string name = key.ToString();
        columns.Add(name, column = keyOf.Count);
        keyOf.Add(name);
        return column;
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

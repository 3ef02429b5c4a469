using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NanoLM.Spec;

/// <summary>Reads a plain scalar's text into a value; false when the text is not one.</summary>
internal delegate bool ScalarParser<T>(string text, out T value);

/// <summary>
/// One YAML mapping of the spec with the keys it may hold. Each typed read reports a diagnostic at the offending node
/// and falls back to the default, so one pass finds every mistake in the file.
/// </summary>
internal sealed class YamlSection
{
    readonly Dictionary<string, YamlNode> values = new(StringComparer.Ordinal);
    readonly SpecDiagnostics sink;

    public string Path { get; }

    public YamlSection(YamlMappingNode node, string path, IReadOnlyList<string> keys, SpecDiagnostics sink)
    {
        Path = path;
        this.sink = sink;
        foreach (var (keyNode, value) in node.Children)
        {
            string key = keyNode is YamlScalarNode scalar ? scalar.Value ?? "" : keyNode.ToString();
            string keyPath = Join(key);
            if (!keys.Contains(key))
            {
                string where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                sink.Error(DiagnosticCodes.UnknownKey, Position(keyNode),
                    $"unknown key '{key}' {where}{EditDistance.DidYouMean(key, keys)}; valid keys: {string.Join(", ", keys)}");
                continue;
            }
            sink.Remember(keyPath, Position(value).Line, Position(value).Column);
            if (!YamlScalars.IsNull(value)) values[key] = value;
        }
    }

    public bool Has(string key) => values.ContainsKey(key);

    public string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public YamlSection? Section(string key, IReadOnlyList<string> keys)
    {
        if (!values.TryGetValue(key, out var node)) return null;
        if (node is YamlMappingNode mapping) return new YamlSection(mapping, Join(key), keys, sink);
        WrongType(Join(key), node, "a mapping");
        return null;
    }

    public YamlSequenceNode? Sequence(string key)
    {
        if (!values.TryGetValue(key, out var node)) return null;
        if (node is YamlSequenceNode sequence) return sequence;
        WrongType(Join(key), node, "a list");
        return null;
    }

    public YamlNode? Node(string key) => values.GetValueOrDefault(key);

    public string Text(string key, string fallback)
    {
        if (!values.TryGetValue(key, out var node)) return fallback;
        if (node is YamlScalarNode { Value: { } text }) return text;
        WrongType(Join(key), node, "a string");
        return fallback;
    }

    public string? OptionalText(string key) => Has(key) ? Text(key, "") : null;

    public bool Bool(string key, bool fallback)
    {
        if (!values.TryGetValue(key, out var node)) return fallback;
        if (YamlScalars.TryBool(node, out bool value)) return value;
        WrongType(Join(key), node, "true or false");
        return fallback;
    }

    public int Int(string key, int fallback, int min, int max = int.MaxValue) =>
        values.TryGetValue(key, out var node) ? ReadInt(node, Join(key), fallback, min, max) : fallback;

    public int? OptionalInt(string key, int min, int max = int.MaxValue) =>
        values.TryGetValue(key, out var node) ? ReadInt(node, Join(key), min, min, max) : null;

    public long? OptionalLong(string key, long min, long max = long.MaxValue)
    {
        if (!values.TryGetValue(key, out var node)) return null;
        if (!YamlScalars.TryInteger(node, out long value)) { WrongType(Join(key), node, "an integer"); return null; }
        if (value < min || value > max) { OutOfRange(Join(key), node, value.ToString(CultureInfo.InvariantCulture), Bounds(min, max)); return null; }
        return value;
    }

    public double Number(string key, double fallback, double min, double max = double.PositiveInfinity, bool minExclusive = false) =>
        values.TryGetValue(key, out var node) ? ReadNumber(node, Join(key), fallback, min, max, minExclusive) : fallback;

    /// <summary>A plain scalar with its own syntax (such as `25%`); <paramref name="expected"/> names what would be valid.</summary>
    public T Parsed<T>(string key, T fallback, ScalarParser<T> parse, string expected)
    {
        if (!values.TryGetValue(key, out var node)) return fallback;
        if (YamlScalars.IsPlain(node, out string text) && parse(text, out var value)) return value;
        WrongType(Join(key), node, expected);
        return fallback;
    }

    /// <summary>One of <paramref name="among"/> (default: every member of <typeparamref name="T"/>), by its <see cref="ChoiceName.Of"/>.</summary>
    public T Choice<T>(string key, T fallback, IReadOnlyList<T>? among = null) where T : struct, Enum
    {
        if (!values.TryGetValue(key, out var node)) return fallback;
        among ??= Enum.GetValues<T>();
        var names = among.Select(ChoiceName.Of).ToList();
        if (node is YamlScalarNode { Value: { } text })
        {
            if (ChoiceName.TryParse(text, among, StringComparison.Ordinal, out var value)) return value;
            sink.Error(DiagnosticCodes.InvalidChoice, Position(node),
                $"'{Join(key)}' must be one of {string.Join(", ", names)}, not '{text}'{EditDistance.DidYouMean(text, names)}");
            return fallback;
        }
        WrongType(Join(key), node, $"one of {string.Join(", ", names)}");
        return fallback;
    }

    public IReadOnlyList<int> IntList(string key, IReadOnlyList<int> fallback, int min, int max = int.MaxValue)
    {
        var items = Sequence(key);
        if (items is null) return fallback;
        var result = new List<int>();
        for (int i = 0; i < items.Children.Count; i++)
        {
            string itemPath = $"{Join(key)}[{i}]";
            Remember(itemPath, items.Children[i]);
            result.Add(ReadInt(items.Children[i], itemPath, min, min, max));
        }
        return result;
    }

    public IReadOnlyList<double> NumberList(string key, IReadOnlyList<double> fallback, double min, double max, bool minExclusive)
    {
        var items = Sequence(key);
        if (items is null) return fallback;
        var result = new List<double>();
        for (int i = 0; i < items.Children.Count; i++)
        {
            string itemPath = $"{Join(key)}[{i}]";
            Remember(itemPath, items.Children[i]);
            result.Add(ReadNumber(items.Children[i], itemPath, min, min, max, minExclusive));
        }
        return result;
    }

    /// <summary>A mapping from integers to integers such as <c>{64: 2}</c>, each key and value in range; empty when absent.</summary>
    public IReadOnlyDictionary<int, int> IntMap(string key, int keyMin, int keyMax, int valueMin, int valueMax)
    {
        var result = new Dictionary<int, int>();
        if (!values.TryGetValue(key, out var node)) return result;
        if (node is not YamlMappingNode mapping) { WrongType(Join(key), node, "a mapping such as {64: 2}"); return result; }
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            int at = ReadInt(keyNode, $"{Join(key)} key", int.MinValue, keyMin, keyMax);
            if (at == int.MinValue) continue;
            string itemPath = $"{Join(key)}.{at}";
            Remember(itemPath, valueNode);
            int value = ReadInt(valueNode, itemPath, int.MinValue, valueMin, valueMax);
            if (value != int.MinValue) result[at] = value;
        }
        return result;
    }

    /// <summary>A two-item list <c>[first, second]</c> of numbers in range, or null (reported) when it is not one.</summary>
    public (double First, double Second)? Pair(string key, double min, double max, bool minExclusive)
    {
        var items = Sequence(key);
        if (items is null) return null;
        if (items.Children.Count != 2)
        {
            sink.Error(DiagnosticCodes.WrongLength, Position(items),
                $"'{Join(key)}' must have exactly 2 items, not {items.Children.Count}");
            return null;
        }
        double first = ReadNumber(items.Children[0], $"{Join(key)}[0]", double.NaN, min, max, minExclusive);
        double second = ReadNumber(items.Children[1], $"{Join(key)}[1]", double.NaN, min, max, minExclusive);
        return double.IsNaN(first) || double.IsNaN(second) ? null : (first, second);
    }

    public void Remember(string path, YamlNode node)
    {
        var at = Position(node);
        sink.Remember(path, at.Line, at.Column);
    }

    public static (int Line, int Column) Position(YamlNode node) => Position(node.Start);

    public static (int Line, int Column) Position(Mark mark) => ((int)mark.Line, (int)mark.Column);

    int ReadInt(YamlNode node, string path, int fallback, int min, int max)
    {
        if (!YamlScalars.TryInteger(node, out long value)) { WrongType(path, node, "an integer"); return fallback; }
        if (value < min || value > max)
        {
            OutOfRange(path, node, value.ToString(CultureInfo.InvariantCulture), Bounds(min, max));
            return fallback;
        }
        return (int)value;
    }

    double ReadNumber(YamlNode node, string path, double fallback, double min, double max, bool minExclusive)
    {
        if (!YamlScalars.TryNumber(node, out double value)) { WrongType(path, node, "a number"); return fallback; }
        bool below = minExclusive ? value <= min : value < min;
        if (below || value > max)
        {
            string lower = minExclusive ? $"> {Format(min)}" : $">= {Format(min)}";
            string bounds = double.IsPositiveInfinity(max) ? lower : $"{lower} and <= {Format(max)}";
            OutOfRange(path, node, Format(value), bounds);
            return fallback;
        }
        return value;
    }

    void WrongType(string path, YamlNode node, string expected) =>
        sink.Error(DiagnosticCodes.WrongType, Position(node), $"'{path}' must be {expected}, not {YamlScalars.Describe(node)}");

    void OutOfRange(string path, YamlNode node, string value, string bounds) =>
        sink.Error(DiagnosticCodes.OutOfRange, Position(node), $"'{path}' is {value}; it must be {bounds}");

    static string Bounds(long min, long max) => max == int.MaxValue || max == long.MaxValue ? $">= {min}" : $"between {min} and {max}";

    static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

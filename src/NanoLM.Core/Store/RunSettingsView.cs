using System.Globalization;
using System.Text.Json;

namespace NanoLM.Store;

/// <summary>A run's settings JSON as flat "section.key" → text pairs, for tables, diffs and exports.</summary>
public static class RunSettingsView
{
    public static SortedDictionary<string, string> Flatten(string settingsJson)
    {
        // A forward-only reader rather than a DOM: `runs list` flattens every run's settings.
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var path = new List<string>();
        string? property = null;
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(settingsJson));
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    break;
                case JsonTokenType.StartObject:
                    if (property is not null) path.Add(property);
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                    if (path.Count > 0) path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    property = null;
                    break;
                default:
                    if (property is null) break;
                    string key = path.Count == 0 ? property : $"{string.Join('.', path)}.{property}";
                    flat[key] = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Null => "",
                        _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    };
                    property = null;
                    break;
            }
        }
        return flat;
    }

    /// <summary>The keys whose value is not the same in every run (a key missing from some runs counts as differing).</summary>
    public static IReadOnlyList<string> VaryingKeys(IReadOnlyList<IReadOnlyDictionary<string, string>> runs)
    {
        var keys = runs.SelectMany(r => r.Keys).Distinct().Order(StringComparer.Ordinal);
        return [.. keys.Where(key => runs.Select(r => r.GetValueOrDefault(key)).Distinct().Count() > 1)];
    }

    /// <summary>A numeric setting such as "model.depth", or null when absent or not a number.</summary>
    public static double? Number(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value : null;
}

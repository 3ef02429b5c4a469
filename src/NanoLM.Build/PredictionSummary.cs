using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoLM.Build;

/// <summary>What a build log shows of `dotnet nanolm predict --json`: one line per target and the tool's warnings.</summary>
public sealed record PredictionSummary(string Json, IReadOnlyList<string> Targets, IReadOnlyList<string> Warnings)
{
    /// <summary>Reads the object predict prints; a field it does not find is left out of the lines rather than guessed.</summary>
    /// <exception cref="JsonException">The text is not one JSON object.</exception>
    public static PredictionSummary Parse(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("expected one JSON object");
        var targets = root["targets"] as JsonArray ?? [];
        var predictions = root["predictions"] as JsonArray ?? [];
        var lines = new List<string>();
        for (int i = 0; i < Math.Min(targets.Count, predictions.Count); i++)
            if (Line(targets[i], predictions[i]) is { } line) lines.Add(line);
        var warnings = (root["warnings"] as JsonArray ?? []).Select(w => w?.GetValue<string>()).OfType<string>().ToList();
        return new PredictionSummary(json.Trim() + Environment.NewLine, lines, warnings);
    }

    static string? Line(JsonNode? target, JsonNode? prediction)
    {
        if (Number(prediction?["predicted"]) is not { } predicted) return null;
        string name = Number(target?["width"]) is { } width ? $"target width {width:0}" : "target";
        string size = Number(target?["params"]) is { } parameters ? $" ({parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters)" : "";
        string interval = Number(prediction?["lower"]) is { } lower && Number(prediction?["upper"]) is { } upper
            ? string.Create(CultureInfo.InvariantCulture, $" [{lower:F4}, {upper:F4}]")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{name}{size}: predicted loss {predicted:F4}{interval}");
    }

    static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out double number) ? number : null;
}

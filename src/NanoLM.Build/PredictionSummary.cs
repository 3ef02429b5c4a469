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
        double? level = Number(root["level"]);
        var lines = new List<string>();
        for (int i = 0; i < Math.Min(targets.Count, predictions.Count); i++)
            if (Line(targets[i], predictions[i], level) is { } line) lines.Add(line);
        var warnings = (root["warnings"] as JsonArray ?? []).Select(w => w?.GetValue<string>()).OfType<string>().ToList();
        return new PredictionSummary(json.Trim() + Environment.NewLine, lines, warnings);
    }

    static string? Line(JsonNode? target, JsonNode? prediction, double? level)
    {
        if (Number(prediction?["predicted"]) is not { } predicted) return null;
        string name = Number(target?["width"]) is { } width ? $"target width {width:0}" : "target";
        string size = Number(target?["params"]) is { } parameters ? $" ({parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters)" : "";
        string interval = Interval(prediction, "lower", "upper") is { } training
            ? Interval(prediction, "expected_lower", "expected_upper") is { } expected
                // As predict prints it: one training's loss scatters around the expected loss, so its interval is wider.
                ? string.Create(CultureInfo.InvariantCulture, $"; {(level is { } l ? $"{l * 100:0.#} % interval " : "")}for one training {training}, for the expected loss {expected}")
                : $" {training}"
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{name}{size}: predicted loss {predicted:F4}{interval}");
    }

    static string? Interval(JsonNode? prediction, string lowerName, string upperName) =>
        Number(prediction?[lowerName]) is { } lower && Number(prediction?[upperName]) is { } upper
            ? string.Create(CultureInfo.InvariantCulture, $"[{lower:F4}, {upper:F4}]")
            : null;

    static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out double number) ? number : null;
}

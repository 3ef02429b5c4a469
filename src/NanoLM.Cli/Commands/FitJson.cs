using System.Text.Json;
using System.Text.Json.Nodes;
using NanoLM.Fitting;

namespace NanoLM.Cli.Commands;

/// <summary>The `fit --json` object: law, fitter, points, objective, parameters, and with a bootstrap the intervals' level and the intervals, then predictions.</summary>
public static class FitJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true };

    public static JsonObject Create(FitOutcome outcome)
    {
        var fit = outcome.Fit;
        var names = fit.Law.ParameterNames;
        var json = new JsonObject
        {
            ["law"] = fit.Law.Name,
            ["fitter"] = fit.Fitter,
            ["points"] = fit.Points,
            ["objective"] = fit.Objective,
            ["parameters"] = Object(names.Select((name, j) => (name, (JsonNode?)fit.Parameters[j]))),
        };
        if (outcome.Bootstrap is BootstrapResult bootstrap)
        {
            json["level"] = bootstrap.Level;
            json["intervals"] = Object(names.Select((name, j) => (name, (JsonNode?)new JsonArray(bootstrap.Lower[j], bootstrap.Upper[j]))));
        }
        json["predictions"] = new JsonArray([.. outcome.Predictions.Select(Prediction)]);
        return json;
    }

    static JsonNode Prediction(Prediction prediction)
    {
        var target = prediction.Target;
        var point = target.Point;
        var json = new JsonObject();
        if (point.Step is double step && !double.IsNaN(step))
        {
            json["run"] = target.Run;
            json["step"] = target.Step;
        }
        AddIfFinite(json, "params", point.Params);
        AddIfFinite(json, "tokens", point.Tokens);
        AddIfFinite(json, "flops", point.Flops);
        if (target.Loss is double loss) json["loss"] = loss;
        json["predicted"] = prediction.Predicted;
        if (prediction.HasInterval)
        {
            json["lower"] = prediction.Lower;
            json["upper"] = prediction.Upper;
        }
        if (prediction.RelativeError is double error) json["relative_error"] = error;
        return json;
    }

    static void AddIfFinite(JsonObject json, string name, double value)
    {
        if (double.IsFinite(value)) json[name] = value;
    }

    static JsonObject Object(IEnumerable<(string Name, JsonNode? Value)> properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties) json[name] = value;
        return json;
    }
}

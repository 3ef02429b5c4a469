using System.Text.Json.Nodes;
using NanoLM.Compare;

namespace NanoLM.Cli.Commands;

/// <summary>The `compare --json` object: each design's ladder and fit, the targets side by side, the crossings and the warnings.</summary>
public static class CompareJson
{
    public static JsonObject Create(DesignComparison comparison, string? reportPath)
    {
        var json = new JsonObject
        {
            ["a"] = Design(comparison.A),
            ["b"] = Design(comparison.B),
            ["x"] = "non_embedding_params",
            ["targets"] = new JsonArray([.. comparison.Targets.Select(t => (JsonNode)new JsonObject
            {
                ["params"] = t.Params,
                ["a"] = Prediction(t.A),
                ["b"] = Prediction(t.B),
                ["p_a_beats_b"] = Finite(t.ProbabilityABeatsB),
            })]),
            ["crossings"] = new JsonArray([.. comparison.Crossings.Select(c => (JsonNode)new JsonObject
            {
                ["params"] = c.Params,
                ["loss"] = c.Loss,
                ["location"] = c.Location switch
                {
                    CrossingLocation.BelowLadders => "below_ladders",
                    CrossingLocation.WithinLadders => "within_ladders",
                    _ => "beyond_ladders",
                },
                ["better_above"] = c.BetterAbove,
            })]),
            ["bootstrap"] = new JsonObject
            {
                ["resamples"] = comparison.Resamples,
                ["failed"] = comparison.FailedResamples,
                ["level"] = comparison.Level,
                ["paired_rungs"] = comparison.PairedRungs,
                ["unpaired_rungs"] = comparison.UnpairedRungs,
            },
            ["warnings"] = new JsonArray([.. comparison.Warnings.Select(w => (JsonNode)w)]),
        };
        if (reportPath is not null) json["report"] = reportPath;
        return json;
    }

    static JsonObject Design(DesignFit fit) => new()
    {
        ["name"] = fit.Ladder.Label,
        ["spec"] = fit.Ladder.SpecPath,
        ["family"] = fit.Ladder.Family.ToString().ToLowerInvariant(),
        ["law"] = fit.Fit.Law.Name,
        ["fit_step"] = fit.Ladder.FitStep,
        ["degenerate"] = fit.Degenerate,
        ["parameters"] = new JsonObject(fit.Fit.Law.ParameterNames.Select((name, j) => KeyValuePair.Create(name, (JsonNode?)fit.Fit.Parameters[j]))),
        ["ladder"] = new JsonArray([.. fit.Ladder.Rungs.Zip(fit.Residuals).Select(p => (JsonNode)new JsonObject
        {
            ["run"] = p.First.Run, ["width"] = p.First.Width, ["seed"] = p.First.Seed, ["params"] = p.First.Params,
            ["loss"] = p.First.Loss, ["residual"] = p.Second,
        })]),
    };

    static JsonObject Prediction(DesignPrediction p)
    {
        var json = new JsonObject { ["predicted"] = Finite(p.Predicted) };
        if (!double.IsNaN(p.Lower))
        {
            json["lower"] = p.Lower;
            json["upper"] = p.Upper;
        }
        return json;
    }

    static JsonNode? Finite(double value) => double.IsFinite(value) ? value : null;
}

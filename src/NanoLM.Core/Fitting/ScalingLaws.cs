using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>The laws by name, as the command line and the prediction API ask for them.</summary>
public static class ScalingLaws
{
    public static IReadOnlyList<string> Names { get; } = ["power", "chinchilla", "annealing"];

    public static IScalingLaw Create(string name, ScalingAxis axis = ScalingAxis.Params) => name.ToLowerInvariant() switch
    {
        "power" => new PowerLaw(axis),
        "chinchilla" => new ChinchillaLaw(),
        "annealing" => new AnnealingLaw(),
        _ => throw new UserError($"unknown law '{name}'; choose one of {string.Join(", ", Names)}"),
    };
}

using NanoLM.Fitting.Laws;
using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>
/// Every law, keyed by the spec's <see cref="ScalingLaw"/>: its class, its name on the command line and in nanolm.yaml,
/// and which of them fit whole curves (the ladder's laws are <see cref="PredictSpec.Laws"/>). Adding a law is a class in Laws/, an enum member and a line here.
/// </summary>
public static class ScalingLaws
{
    /// <summary>The laws fitted to every checkpoint of a ladder's curves, rather than one loss per run.</summary>
    public static bool FitsWholeCurves(ScalingLaw law) => law is ScalingLaw.Chinchilla or ScalingLaw.Annealing;

    /// <summary>The law's name, as `--law` and `predict.law` spell it.</summary>
    public static string Name(ScalingLaw law) => ChoiceName.Of(law);

    public static IReadOnlyList<string> Names(IEnumerable<ScalingLaw> laws) => [.. laws.Select(Name)];

    public static IScalingLaw Create(ScalingLaw law, ScalingAxis axis = ScalingAxis.Params) => law switch
    {
        ScalingLaw.Power => new PowerLaw(axis),
        ScalingLaw.Chinchilla => new ChinchillaLaw(),
        ScalingLaw.Annealing => new AnnealingLaw(),
        ScalingLaw.CurveAnnealing => new CurveAnnealingLaw(),
        _ => throw new ArgumentOutOfRangeException(nameof(law), law, null),
    };

    /// <summary>The law a command-line name means; an unknown name is the user's error, with the names that would do.</summary>
    public static ScalingLaw Parse(string name, IReadOnlyList<ScalingLaw>? among = null)
    {
        among ??= Enum.GetValues<ScalingLaw>();
        if (ChoiceName.TryParse(name, among, StringComparison.OrdinalIgnoreCase, out var law)) return law;
        throw new UserError($"unknown law '{name}'; choose one of {string.Join(", ", Names(among))}");
    }
}

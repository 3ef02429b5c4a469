using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting.Optimization;

/// <summary>The fitters by name, and each law's default.</summary>
public static class Fitters
{
    public static IFitter Create(string name) => name.ToLowerInvariant() switch
    {
        FitterNames.LevenbergMarquardt => new LevenbergMarquardtFitter(),
        FitterNames.HuberLbfgs => new HuberLbfgsFitter(),
        _ => throw new UserError($"unknown fitter '{name}'; choose one of {string.Join(", ", FitterNames.All)}"),
    };

    public static IFitter For(IScalingLaw law, string? name = null) => Create(name ?? law.DefaultFitter);
}

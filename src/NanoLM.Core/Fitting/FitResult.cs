using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>A fitted law: its parameters, the objective reached, and how the fit got there.</summary>
/// <param name="StandardErrors">Asymptotic standard errors (least squares only; robust fits get theirs from the bootstrap).</param>
/// <param name="Starts">How many starting points were tried.</param>
/// <param name="StartsInBestBasin">How many of them ended at the best objective (within a relative 1e-5).</param>
public sealed record FitResult(
    IScalingLaw Law,
    string Fitter,
    double[] Parameters,
    double[]? StandardErrors,
    double Objective,
    bool Converged,
    int Starts,
    int StartsInBestBasin,
    int Points)
{
    public double Predict(in LawPoint point) => Law.Value(Parameters, point, default);

    public double Parameter(string name)
    {
        int index = Law.ParameterNames.ToList().IndexOf(name);
        return index >= 0 ? Parameters[index] : throw new ArgumentException($"the {Law.Name} law has no parameter '{name}'", nameof(name));
    }
}

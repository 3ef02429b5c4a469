using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Compare;

/// <summary>One design's ladder and the law fitted to it.</summary>
public sealed record DesignFit(ComparedLadder Ladder, FitResult Fit)
{
    /// <summary>The fitted loss of a model of <paramref name="parameters"/> (at the ladder's last step for a whole-curve law).</summary>
    public double Predict(double parameters) => Fit.Predict(Ladder.At(parameters));

    /// <summary>
    /// Why the fitted law is no prediction, or null. With A or α at a bound the law is a flat line at E past the narrowest
    /// rung (a staircase ladder pulls α to its ceiling): it describes no trend, so reading it at a larger size would not be
    /// an extrapolation.
    /// </summary>
    public string? Degenerate
    {
        get
        {
            var law = Fit.Law;
            for (int j = 0; j < law.ParameterNames.Count; j++)
            {
                if (ShapeParameters.Contains(law.ParameterNames[j]) && AtBound(j))
                    return $"{Ladder.Label}'s fit is degenerate: {law.ParameterNames[j]} ran into its bound ({Fit.Parameters[j]:G4}), so the law is a flat line at " +
                           $"E = {Fit.Parameter("E"):F4} past the narrowest rung and predicts nothing for larger sizes; no prediction or ranking is " +
                           "made from it. Train longer or add seeds (ladder.seeds) until the ladder falls with width";
            }
            return null;
        }
    }

    /// <summary>The parameters that give the power law its slope; E at a bound (zero) is still a power law.</summary>
    public static IReadOnlyList<string> ShapeParameters { get; } = ["A", "alpha"];

    public bool AtBound(int parameter) =>
        Fit.Parameters[parameter] >= Fit.Law.UpperBounds[parameter] * (1 - 1e-6) || Fit.Parameters[parameter] <= Fit.Law.LowerBounds[parameter];

    /// <summary>E held up by the corpus's oracle loss: a fact about the data, not a box the fit ran into (predict.loss_floor).</summary>
    public bool OnFloor => FlooredLaw.HoldsE(Fit);

    /// <summary>(measured − fitted) / fitted of each rung, in the ladder's order.</summary>
    public IReadOnlyList<double> Residuals => [.. Ladder.Rungs.Select(r => (r.Loss - Fit.Predict(r.Point)) / Fit.Predict(r.Point))];
}

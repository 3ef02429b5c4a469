using NanoLM.Fitting.Laws;
using NanoLM.Spec;

namespace NanoLM.Fitting;

/// <summary>The prediction API for a ladder read from the store: fit the rungs, predict the targets with intervals, and backtest.</summary>
public static class LadderPrediction
{
    /// <example><code>
    /// var outcome = LadderPrediction.Predict(rungs, [new LadderTarget(Params: 1.2e8)], ScalingLaw.Power,
    ///     options: new FitOptions(Bootstrap: 1000, Seed: 1));
    /// double loss = outcome.Predictions[0].Predicted;
    /// </code></example>
    public static FitOutcome Predict(IEnumerable<LadderPoint> ladder, IEnumerable<LadderTarget> targets, ScalingLaw law = ScalingLaw.Power,
        ScalingAxis axis = ScalingAxis.Params, FitOptions? options = null)
    {
        var scalingLaw = ScalingLaws.Create(law, axis);
        var samples = ladder.Select(p => p.ToSample()).ToList();
        foreach (var sample in samples)
            if (scalingLaw.MissingInput(sample.Point) is string missing)
                throw new UserError($"run '{sample.Run}': the {scalingLaw.Name} law needs {missing}");
        var points = targets.Select(t => t.ToTarget()).ToList();
        foreach (var target in points)
            if (scalingLaw.MissingInput(target.Point) is string missing)
                throw new UserError($"{(target.Run is null ? "a target" : $"target '{target.Run}'")}: the {scalingLaw.Name} law needs {missing}");
        return ScalingFit.Run(scalingLaw, samples, points, options);
    }
}

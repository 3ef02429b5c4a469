using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Plan;
using NanoLM.Runs;

namespace NanoLM.Predictions;

/// <summary>
/// What a whole-curve law is fitted to from a stored ladder: every rung's validation checkpoints from the burn-in on
/// (predict.burn_in, else the end of the ladder's initial plateau). `predict` and `compare` both take them from here.
/// </summary>
/// <param name="BurnInDetected">Whether the burn-in was found from the curves rather than set by predict.burn_in.</param>
/// <param name="OnPlateau">Rungs whose training curve had not left the initial plateau.</param>
public sealed record CurveSamples(IReadOnlyList<RunCurve> Curves, long BurnIn, bool BurnInDetected, IReadOnlyList<Trial> OnPlateau, IReadOnlyList<FitSample> Samples)
{
    public static CurveSamples Read(StoredLadder ladder, IScalingLaw law)
    {
        var spec = ladder.Spec;
        int last = spec.Train.Steps;
        var curves = ladder.CurvesTo(last);
        var plateaus = curves.Select(c => c.Plateau()).ToList();
        var onPlateau = curves.Zip(plateaus).Where(p => p.Second.EndsOnPlateau).Select(p => p.First.Trial).ToList();
        // Without a detected escape (every run flat) only the last checkpoints are fitted, and the gate says why.
        long burnIn = Math.Min(spec.Predict.BurnIn ?? PlateauDetector.LadderBurnIn(plateaus) ?? last, last);
        var samples = WholeCurveFit.Samples(law, [.. curves.Select(c => c.ToLadderCurve())], burnIn);
        if (samples.Count <= law.ParameterNames.Count)
            throw ladder.Error($"the whole-curve {law.Name} fit has {samples.Count} validation checkpoints from step {burnIn} on, too few for its {law.ParameterNames.Count} parameters; " +
                               "evaluate more often (train.eval_interval), train longer, or set predict.law: power to fit one loss per run");
        return new CurveSamples(curves, burnIn, spec.Predict.BurnIn is null, onPlateau, samples);
    }

    /// <summary>The samples of one rung's curve.</summary>
    public IReadOnlyList<FitSample> Of(RunCurve curve) => [.. Samples.Where(s => s.Run == curve.Label)];
}

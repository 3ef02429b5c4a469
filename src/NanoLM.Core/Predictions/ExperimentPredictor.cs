using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;
using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Predictions;

/// <summary>
/// Fits the ladder recorded in the store and predicts the experiment's targets, then grades the fit with the
/// <see cref="FitQualityGate"/>. predict.law picks the recipe: power fits validation loss at the fit step against
/// non-embedding parameters (as Kaplan et al. count them); chinchilla and annealing fit every validation checkpoint
/// from the burn-in on, jointly over parameters and training progress, and predict the targets at the last step.
/// E stays above <see cref="FitOptions.LossFloor"/> (the built-in corpus's oracle loss) unless predict.loss_floor is none.
/// </summary>
public static class ExperimentPredictor
{
    /// <summary>How every command fits an experiment unless told otherwise: <see cref="PredictDefaults.Bootstrap"/> resamples, E above <paramref name="lossFloor"/>.</summary>
    public static FitOptions DefaultOptions(double? lossFloor = null) =>
        new(Bootstrap: PredictDefaults.Bootstrap, Seed: PredictDefaults.BootstrapSeed, LossFloor: lossFloor);

    public static ExperimentPrediction Predict(ExperimentSpec spec, RunStore store, FitOptions options, int? fitStepOverride = null)
    {
        if (spec.Targets.Count == 0)
            throw new UserError("nanolm.yaml has no targets; add `targets: [{ width: W }]` or pass --target width=W");
        return Predict(StoredLadder.ReadForFit(spec, store), options, fitStepOverride);
    }

    public static ExperimentPrediction Predict(StoredLadder ladder, FitOptions options, int? fitStepOverride = null)
    {
        var spec = ladder.Spec;
        // Callers pass the corpus's oracle loss when they know it; predict.loss_floor decides whether E is bounded by it.
        options = options with { LossFloor = spec.Predict.Floor(options.LossFloor), Level = spec.Predict.Level };
        // The widths are the ladder's design, not a draw: with one run each, drawing runs from all widths would resample
        // the design (see Bootstrap.Run), so the bootstrap keeps every width and the gate's assumed seed noise is the interval.
        bool oneRunPerWidth = ladder.Rungs.GroupBy(r => r.Trial.Width).All(width => width.Count() == 1);
        options = options with { ResampleWithinSizes = oneRunPerWidth };

        var prediction = (spec.Predict.Law == ScalingLaw.Power
            ? SingleStep(ladder, options, fitStepOverride ?? spec.Predict.FitStep ?? spec.Train.Steps)
            : WholeCurve(ladder, options)) with { ResampledWithinSizes = oneRunPerWidth };
        var verdict = FitQualityGate.Evaluate(prediction);
        return prediction with { Gate = verdict, Outcome = prediction.Outcome with { Predictions = verdict.Predictions } };
    }

    static ExperimentPrediction SingleStep(StoredLadder stored, FitOptions options, int fitStep)
    {
        var rungs = stored.LossesAt(fitStep);
        var targets = stored.TargetLossesAt(fitStep);
        var ladder = rungs.Select(r => new LadderPoint(r.Trial.Identity.Hash, r.Trial.NonEmbeddingParameters, r.Loss)).ToList();
        var outcome = LadderPrediction.Predict(ladder,
            targets.Select(t => new LadderTarget(t.Trial.NonEmbeddingParameters, Loss: t.Measured, Name: $"width {t.Trial.Width}")),
            ScalingLaw.Power, ScalingAxis.Params, options with { Backtest = false });
        // The gate's backtest holds out the widest rung, whatever the recipe, so the two recipes are scored alike.
        var samples = ladder.Select(p => p.ToSample()).ToList();
        if (options.Backtest)
            outcome = outcome with { Backtest = RungBacktest.LeaveWidestOut(outcome.Fit.Law, Fitters.For(outcome.Fit.Law, options.Fitter), samples) };
        return new ExperimentPrediction(stored.Plan, fitStep, rungs, targets, outcome, Cost(stored.Plan)) { Law = ScalingLaw.Power, Samples = samples };
    }

    static ExperimentPrediction WholeCurve(StoredLadder stored, FitOptions options)
    {
        var spec = stored.Spec;
        int last = spec.Train.Steps;
        var law = ScalingLaws.Create(spec.Predict.Law);
        var curveSamples = CurveSamples.Read(stored, law);
        var (curves, burnIn, samples) = (curveSamples.Curves, curveSamples.BurnIn, curveSamples.Samples);
        var targets = stored.TargetLossesAt(last);
        double tokensAtEnd = (double)last * spec.Train.Batch * spec.Model.SeqLen;
        var outcome = WholeCurveFit.Run(law, samples, [.. curves.Select(c => c.ToLadderCurve())],
            targets.Select(t => new CurveTarget(t.Trial.NonEmbeddingParameters, last, tokensAtEnd, t.Measured, $"width {t.Trial.Width}")), options);
        var rungs = curves.Select(c => new RungLoss(c.Trial, c.Checkpoints[^1].Loss) { Point = curveSamples.Of(c)[^1].Point }).ToList();
        return new ExperimentPrediction(stored.Plan, last, rungs, targets, outcome, Cost(stored.Plan))
        {
            Law = spec.Predict.Law,
            BurnIn = burnIn,
            BurnInDetected = curveSamples.BurnInDetected,
            Samples = samples,
            OnPlateau = curveSamples.OnPlateau,
        };
    }

    static PlanPreview Cost(ExperimentPlan plan) => PlanPreview.Create(plan, new ThroughputAssumption(1));
}

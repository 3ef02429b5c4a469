using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Experiments;

/// <summary>
/// Fits the ladder recorded in the store (validation loss at the fit step against non-embedding parameters, as Kaplan
/// et al. count them) and predicts the experiment's targets, with the leave-largest-out backtest.
/// </summary>
public static class ExperimentPredictor
{
    public static ExperimentPrediction Predict(ExperimentSpec spec, RunStore store, FitOptions options, int? fitStepOverride = null)
    {
        if (spec.Predict.Law != ScalingLaw.Power)
            throw new UserError($"predict fits the power law to the ladder for now; predict.law '{spec.Predict.Law.ToString().ToLowerInvariant()}' works with `dotnet nanolm fit` on a CSV (`dotnet nanolm runs export --format csv`)");
        if (spec.Targets.Count == 0)
            throw new UserError("nanolm.yaml has no targets; add `targets: [{ width: W }]` or pass --target width=W");

        var plan = PlanBuilder.Build(spec, store.CompletedValidationLosses());
        if (plan.AwaitsSearch)
            throw new UserError("the search has not finished; run `dotnet nanolm train` first");
        int fitStep = fitStepOverride ?? spec.Predict.FitStep ?? spec.Train.Steps;

        var rungs = new List<RungLoss>();
        foreach (var trial in plan.LadderTrials)
        {
            double? loss = LossAt(store, trial, fitStep);
            if (loss is null)
                throw new UserError($"ladder run {trial.Identity.Short} (width {trial.Width}, seed {trial.Seed}) has no validation loss at step {fitStep}; " +
                                    "run `dotnet nanolm train` to finish the ladder, or set predict.fit_step to an evaluated step");
            if (!double.IsFinite(loss.Value))
                throw new UserError($"ladder run {trial.Identity.Short} (width {trial.Width}) diverged; lower the learning rate or drop the width");
            rungs.Add(new RungLoss(trial, loss.Value));
        }

        var targets = plan.TargetTrials.Select(t => new TargetLoss(t, LossAt(store, t, fitStep))).ToList();
        var outcome = LadderPrediction.Predict(
            rungs.Select(r => new LadderPoint(r.Trial.Identity.Hash, r.Trial.NonEmbeddingParameters, r.Loss)),
            targets.Select(t => new LadderTarget(t.Trial.NonEmbeddingParameters, Loss: t.Measured, Name: $"width {t.Trial.Width}")),
            "power", ScalingAxis.Params, options);
        var cost = PlanPreview.Create(plan, new ThroughputAssumption(1));
        return new ExperimentPrediction(plan, fitStep, rungs, targets, outcome, cost);
    }

    static double? LossAt(RunStore store, Trial trial, int step)
    {
        var run = store.FindRun(trial.Identity.Hash);
        if (run is null || run.Status != RunStatus.Finished) return null;
        return store.Metrics(run.Id).FirstOrDefault(m => m.Step == step && m.ValidationLoss is not null)?.ValidationLoss;
    }
}

using NanoLM.Fitting;
using NanoLM.Plan;

namespace NanoLM.Experiments;

/// <summary>One ladder rung as the fit saw it: its trial, run and validation loss at the fit step.</summary>
public sealed record RungLoss(Trial Trial, double Loss);

/// <summary>A target as predicted: its trial, and its measured loss at the fit step when it was trained (verify: true).</summary>
public sealed record TargetLoss(Trial Trial, double? Measured);

/// <summary>What `predict` computes from the store: the ladder at the fit step, the fit, the targets and the proxy's cost.</summary>
public sealed record ExperimentPrediction(
    ExperimentPlan Plan,
    int FitStep,
    IReadOnlyList<RungLoss> Rungs,
    IReadOnlyList<TargetLoss> Targets,
    FitOutcome Outcome,
    PlanPreview Cost);

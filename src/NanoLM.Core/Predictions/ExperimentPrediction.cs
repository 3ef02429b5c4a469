using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Predictions;

/// <summary>One ladder run as the fit saw it: its trial and validation loss at the fit step (the last step for whole-curve fits).</summary>
public sealed record RungLoss(Trial Trial, double Loss)
{
    /// <summary>Where the law is evaluated for this loss; null means at the trial's non-embedding parameters alone (the power law).</summary>
    public LawPoint? Point { get; init; }
}

/// <summary>A target as predicted: its trial, and its measured loss at the fit step when it was trained (verify: true).</summary>
public sealed record TargetLoss(Trial Trial, double? Measured);

/// <summary>What `predict` computes from the store: the ladder at the fit step, the fit, the targets and the proxy's cost.</summary>
/// <param name="Outcome">The fit; its predictions carry the intervals after the fit-quality gate (widened or withheld when it tripped).</param>
public sealed record ExperimentPrediction(
    ExperimentPlan Plan,
    int FitStep,
    IReadOnlyList<RungLoss> Rungs,
    IReadOnlyList<TargetLoss> Targets,
    FitOutcome Outcome,
    PlanPreview Cost)
{
    /// <summary>The law fitted; power is the single-step recipe, chinchilla and annealing the whole-curve one.</summary>
    public ScalingLaw Law { get; init; } = ScalingLaw.Power;

    /// <summary>Whole-curve fits: the first step whose checkpoints were fitted, and whether it was found automatically.</summary>
    public long? BurnIn { get; init; }
    public bool BurnInDetected { get; init; }

    /// <summary>Every sample the law was fitted to (one per run, or every checkpoint from the burn-in on).</summary>
    public IReadOnlyList<FitSample> Samples { get; init; } = [];

    /// <summary>Ladder runs whose training curve had not left the initial plateau (whole-curve fits).</summary>
    public IReadOnlyList<Trial> OnPlateau { get; init; } = [];

    /// <summary>
    /// Whether the bootstrap drew runs within each width (<see cref="FitOptions.ResampleWithinSizes"/>): it does when every
    /// width has one run, which leaves it nothing to resample, and the gate's assumed seed noise is the interval.
    /// </summary>
    public bool ResampledWithinSizes { get; init; }

    /// <summary>The fit-quality gate's verdict; null only for predictions built by hand.</summary>
    public FitQualityVerdict? Gate { get; init; }

    public bool WholeCurve => ScalingLaws.FitsWholeCurves(Law);

    /// <summary>
    /// Each target's prediction with an interval for its expected loss (the mean over trainings), in the targets' order;
    /// <see cref="Outcome"/>'s intervals are for one training. Without a gate, the same as <see cref="Outcome"/>'s.
    /// </summary>
    public IReadOnlyList<Prediction> Expected => Gate is { ExpectedPredictions.Count: > 0 } gate ? gate.ExpectedPredictions : Outcome.Predictions;

    /// <summary>The ladder's widths, narrowest first, each the mean loss of its seeds.</summary>
    public IReadOnlyList<WidthMean> Widths => WidthMean.Of(Rungs);

    /// <summary>Each target's predicted gain over the widest rung, from the (gated) predictions, in the targets' order.</summary>
    public IReadOnlyList<TargetGain> Gains => Widths is [.., var widest] ? [.. Outcome.Predictions.Select(p => TargetGain.Over(widest, p))] : [];

    /// <summary>
    /// Why the fit's parameter intervals are left out, or null when they are shown: with one seed per width the bootstrap
    /// can only redraw the same runs, so its spread of E, A or α says nothing about what another seed would fit.
    /// </summary>
    public string? ParameterIntervalsWithheld => Widths.Any(w => w.Seeds >= 2)
        ? null
        : "no parameter intervals with one seed per width: redrawing the same runs cannot show what another seed would fit (set ladder.seeds: 2 or more)";

    /// <summary>The fitted loss at a rung's point.</summary>
    public double Fitted(RungLoss rung) => Outcome.Fit.Predict(rung.Point ?? LawPoint.Ladder(rung.Trial.NonEmbeddingParameters));
}

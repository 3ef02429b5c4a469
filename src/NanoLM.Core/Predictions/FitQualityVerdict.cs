using NanoLM.Fitting;

namespace NanoLM.Predictions;

/// <summary>
/// The fit-quality gate's answer: every check, whether the ladder passed, and when it did not, one plain sentence with the
/// likely cause and what to change, and what was done to the intervals.
/// </summary>
/// <param name="Notes">Caveats that do not trip the gate (one seed per rung: the intervals' seed noise is assumed).</param>
/// <param name="Predictions">The targets' predictions with the gated intervals.</param>
public sealed record FitQualityVerdict(
    bool Passed,
    IReadOnlyList<GateCheck> Checks,
    string? Sentence,
    IntervalAction Action,
    IReadOnlyList<string> Notes,
    IReadOnlyList<Prediction> Predictions,
    double MaxResidual,
    double? BacktestError)
{
    /// <summary>
    /// The targets' predictions with intervals for their expected loss, the mean over many trainings: the same gate, with
    /// the ladder's seed noise but not the target's own, so they are narrower than <see cref="Predictions"/>' intervals,
    /// which are for one training.
    /// </summary>
    public IReadOnlyList<Prediction> ExpectedPredictions { get; init; } = [];

    /// <summary>The seed noise of one run that the intervals include, measured or assumed; null when there is none (or no intervals).</summary>
    public RunNoise? RunNoise { get; init; }

    /// <summary>
    /// Null when the fit extrapolates; otherwise why its prediction cannot be told from the widest rung's loss, and what to
    /// change. It does not fail the gate (the fit can be sound), and callers show it first.
    /// </summary>
    public string? Signal { get; init; }
}

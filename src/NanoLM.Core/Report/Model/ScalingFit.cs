namespace NanoLM.Report;

/// <summary>The scaling law fitted to the ladder and what it predicts for the targets.</summary>
/// <param name="XName">What X is, e.g. "non-embedding parameters"; <paramref name="XUnit"/> its unit when it has one, e.g. "FLOPs".</param>
/// <param name="Curve">The fitted law sampled over the plotted range (see <see cref="PowerLawCurve"/>).</param>
/// <param name="Band">Bootstrap interval of the curve, sampled at the same or other X values.</param>
/// <param name="OracleLoss">The lowest loss any model can reach on this corpus (known exactly for the synthetic corpus).</param>
public sealed record ScalingFit(
    string Law,
    string XName,
    string? XUnit,
    IReadOnlyList<ScalingPoint> LadderPoints,
    IReadOnlyList<ScalingPoint> Curve,
    IReadOnlyList<FitParameter> Parameters,
    IReadOnlyList<ScalingBandPoint>? Band = null,
    IReadOnlyList<TargetPrediction>? Targets = null,
    double? OracleLoss = null,
    string? Fitter = null,
    double? Objective = null)
{
    /// <summary>What a reader must know to read the parameters, such as why their intervals are left out.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

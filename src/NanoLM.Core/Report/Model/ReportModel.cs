namespace NanoLM.Report;

/// <summary>Everything a report shows; only the summary is required, and a missing section is reported as such.</summary>
public sealed record ReportModel(
    ReportSummary Summary,
    SearchResults? Search = null,
    LadderCurves? Ladder = null,
    ScalingFit? Fit = null,
    IReadOnlyList<BacktestRow>? Backtest = null,
    CoordCheckResults? CoordCheck = null,
    CostBreakdown? Cost = null,
    EnvironmentInfo? Environment = null);

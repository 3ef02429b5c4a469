namespace NanoLM.Report;

/// <summary>Everything a report shows; only the summary is required, and a missing section is reported as such.</summary>
public sealed record ReportModel(
    ReportSummary Summary,
    SearchResults? Search = null,
    LadderCurves? Ladder = null,
    ReportedFit? Fit = null,
    IReadOnlyList<BacktestRow>? Backtest = null,
    CoordCheckResults? CoordCheck = null,
    CostBreakdown? Cost = null,
    EnvironmentInfo? Environment = null);

/// <summary>What the experiment is and where its numbers come from.</summary>
/// <param name="LossUnit">Unit of every loss in the report, e.g. "nats/token" or "nats/byte".</param>
/// <param name="GeneratedAt">When the report was made; left out when null so that reports of the same store are identical.</param>
/// <param name="Facts">Extra name/value lines shown under the summary (spec path, corpus, tokenizer…).</param>
public sealed record ReportSummary(
    string ExperimentName,
    string Law,
    string StorePath,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    DateTimeOffset? GeneratedAt = null,
    string LossUnit = "nats/token",
    IReadOnlyList<ReportFact>? Facts = null)
{
    /// <summary>The fit-quality gate's verdict in a few words, when there is a fit.</summary>
    public string? Gate { get; init; }

    /// <summary>What the gate warns of, the signal sentence first: shown under the verdict.</summary>
    public IReadOnlyList<string> GateWarnings { get; init; } = [];
}

/// <summary>One labelled value in a two-column table (summary extras, environment).</summary>
public sealed record ReportFact(string Name, string Value);

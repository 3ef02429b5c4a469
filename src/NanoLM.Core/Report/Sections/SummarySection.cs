namespace NanoLM.Report;

/// <summary>The experiment's identity, dates and store, the headline prediction when there is one, and the fit-quality gate's verdict.</summary>
internal static class SummarySection
{
    public static ReportSection Build(ReportModel model)
    {
        var summary = model.Summary;
        var facts = new List<IReadOnlyList<string>>
        {
            new[] { "experiment", summary.ExperimentName },
            new[] { "law", summary.Law },
            new[] { "store", summary.StorePath },
            new[] { "started", ReportFormat.Date(summary.StartedAt) },
            new[] { "finished", ReportFormat.Date(summary.FinishedAt) },
        };
        if (summary.GeneratedAt is not null) facts.Add(["report generated", ReportFormat.Date(summary.GeneratedAt)]);
        facts.AddRange((summary.Facts ?? []).Select(f => (IReadOnlyList<string>)[f.Name, f.Value]));

        var blocks = new List<ReportBlock> { new TableBlock([new("item"), new("value")], facts) };
        foreach (var target in model.Fit?.Targets ?? [])
            blocks.Add(new ParagraphBlock(Headline(target, model.Fit!, summary.LossUnit)));
        if (summary.Gate is { } gate)
            blocks.Add(summary.GateWarnings.Count == 0
                ? new NoticeBlock(NoticeKind.Passed, $"Fit-quality gate: {gate}.")
                : new NoticeBlock(NoticeKind.Warning, $"Fit-quality gate: {gate}. {string.Join(" ", summary.GateWarnings)}"));
        return new ReportSection("summary", ReportSectionTitles.Summary, blocks);
    }

    static string Headline(TargetPrediction target, ReportedFit fit, string unit)
    {
        string training = ReportFormat.Interval(target.Lower, target.Upper, ReportFormat.Loss);
        string interval = (target.Lower, target.ExpectedLower) switch
        {
            (null, _) => $" {unit}",
            (_, null) => $" {training} {unit}",
            // As predict prints it: one training's loss scatters around the expected loss, so its interval is wider.
            _ => $" {unit}, {training} for one training and {ReportFormat.Interval(target.ExpectedLower, target.ExpectedUpper, ReportFormat.Loss)} for the expected loss",
        };
        string line = $"Target {target.Name} ({ReportFormat.Count(target.X)} {fit.XName}): predicted loss {ReportFormat.Loss(target.Predicted)}{interval}";
        if (target.Measured is double measured)
            line += $"; measured {ReportFormat.Loss(measured)}, error {ReportFormat.RelativeError(target.RelativeError!.Value)}";
        return line + ".";
    }
}

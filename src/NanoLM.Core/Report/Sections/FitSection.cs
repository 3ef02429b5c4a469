namespace NanoLM.Report;

/// <summary>The fitted law: plot, parameters with intervals, and the targets' predictions against their measured losses.</summary>
internal static class FitSection
{
    const string Id = "fit";

    public static ReportSection Build(ReportedFit? fit, string lossUnit)
    {
        if (fit is null || fit.LadderPoints.Count == 0)
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.Fit, "no scaling law was fitted.");

        var blocks = new List<ReportBlock>
        {
            new FigureBlock($"{Id}.svg", SvgRendering.ToSvg(ScalingFitPlot.Build(fit, lossUnit), Id),
                $"Loss against {fit.XName}: ladder points, the fitted {fit.Law} law with its bootstrap band, and the targets."),
        };
        var quality = new List<string> { $"{fit.LadderPoints.Count} ladder points" };
        if (fit.Fitter is not null) quality.Add($"fitter {fit.Fitter}");
        if (fit.Objective is double objective) quality.Add($"objective {ReportFormat.Number(objective)}");
        if (fit.OracleLoss is double oracle) quality.Add($"oracle loss {ReportFormat.Loss(oracle)} {lossUnit}");
        blocks.Add(new ParagraphBlock($"Law {fit.Law}; {string.Join("; ", quality)}."));

        blocks.Add(new TableBlock(
            [new("parameter"), new("value", true), new("bootstrap interval", true)],
            fit.Parameters.Select(p => (IReadOnlyList<string>)[p.Name, ReportFormat.Number(p.Value), ReportFormat.Interval(p.Lower, p.Upper, ReportFormat.Number)]).ToList()));
        foreach (string note in fit.Notes)
            blocks.Add(new ParagraphBlock($"Note: {note}."));

        var targets = fit.Targets ?? [];
        if (targets.Count == 0)
        {
            blocks.Add(new NoticeBlock(NoticeKind.NotAvailable, "Not available: no target predictions."));
            return new ReportSection(Id, ReportSectionTitles.Fit, blocks);
        }
        string gainOver = targets.Select(t => t.Gain?.Rung).FirstOrDefault(r => r is not null) is { } rung ? $"gain over {rung}" : "gain over the widest rung";
        blocks.Add(new TableBlock(
            [new("target"), new(fit.XName, true), new($"predicted ({lossUnit})", true), new("interval", true), new("expected-loss interval", true), new(gainOver, true), new("measured", true), new("relative error", true), new("in interval")],
            targets.Select(t => (IReadOnlyList<string>)
            [
                t.Name,
                ReportFormat.Count(t.X),
                ReportFormat.Loss(t.Predicted),
                ReportFormat.Interval(t.Lower, t.Upper, ReportFormat.Loss),
                ReportFormat.Interval(t.ExpectedLower, t.ExpectedUpper, ReportFormat.Loss),
                t.Gain is { } gain ? ReportFormat.RelativeError(gain.Gain) + (gain.Lower is not null ? " " + ReportFormat.Interval(gain.Lower, gain.Upper, ReportFormat.RelativeError) : "") : "—",
                t.Measured is double m ? ReportFormat.Loss(m) : "not trained",
                t.RelativeError is double e ? ReportFormat.RelativeError(e) : "—",
                t.IntervalContainsMeasured switch { true => "yes", false => "no", null => "—" },
            ]).ToList()));
        if (targets.Any(t => t.ExpectedLower is not null))
            blocks.Add(new ParagraphBlock("The interval is for one training of the target, whose own seed noise it carries; the expected-loss interval is for the mean over many trainings, so it leaves that noise out."));
        foreach (var missed in targets.Where(t => t.IntervalContainsMeasured == false))
            blocks.Add(new NoticeBlock(NoticeKind.Warning, $"The measured loss of {missed.Name} lies outside its predicted interval."));
        return new ReportSection(Id, ReportSectionTitles.Fit, blocks);
    }
}

using NanoLM.Report;

namespace NanoLM.Compare;

/// <summary>The comparison as one report section: the plot, each fit, the predictions side by side, the crossings and the warnings.</summary>
public static class CompareSection
{
    public const string Id = "compare";
    public const string Title = "Design comparison";

    public static ReportSection Build(DesignComparison comparison, string lossUnit)
    {
        var (a, b) = (comparison.A, comparison.B);
        var blocks = new List<ReportBlock>
        {
            new FigureBlock($"{Id}.svg", SvgRendering.ToSvg(CompareFitPlot.Build(comparison, lossUnit), Id),
                $"Loss against non-embedding parameters: A ({a.Ladder.Label}) and B ({b.Ladder.Label}), each ladder with its fitted law {a.Fit.Law.Formula} and bootstrap band."),
            new TableBlock(
                [new("design"), new("family"), new("rungs", true), new("fit step", true), new("E", true), new("A", true), new("alpha", true), new("residuals", true)],
                [Row("A", a), Row("B", b)]),
        };
        blocks.Add(new TableBlock(
            [new("N (non-embedding)", true), new($"A predicted ({lossUnit})", true), new("A interval", true),
             new($"B predicted ({lossUnit})", true), new("B interval", true), new("P(A beats B)", true)],
            comparison.Targets.Select(t => (IReadOnlyList<string>)
            [
                ReportFormat.Count(t.Params),
                Predicted(t.A), Interval(t.A),
                Predicted(t.B), Interval(t.B),
                double.IsNaN(t.ProbabilityABeatsB) ? "—" : ReportFormat.Percent(t.ProbabilityABeatsB),
            ]).ToList()));
        blocks.Add(new ParagraphBlock(CompareText.Bootstrap(comparison)));
        blocks.Add(new ParagraphBlock(CompareText.Crossings(comparison, lossUnit)));
        blocks.AddRange(comparison.Warnings.Select(w => new NoticeBlock(NoticeKind.Warning, w)));
        return new ReportSection(Id, Title, blocks);
    }

    static IReadOnlyList<string> Row(string name, DesignFit fit)
    {
        var residuals = fit.Residuals;
        return
        [
            $"{name}: {fit.Ladder.Label}", fit.Ladder.Family.ToString().ToLowerInvariant(), $"{fit.Ladder.Rungs.Count}", $"{fit.Ladder.FitStep}",
            ReportFormat.Number(fit.Fit.Parameter("E")), ReportFormat.Number(fit.Fit.Parameter("A")), ReportFormat.Number(fit.Fit.Parameter("alpha")),
            $"{ReportFormat.RelativeError(residuals.Min())} to {ReportFormat.RelativeError(residuals.Max())}",
        ];
    }

    /// <summary>The predicted loss, or "degenerate fit" where the design's law predicts nothing.</summary>
    public static string Predicted(DesignPrediction p) => double.IsNaN(p.Predicted) ? "degenerate fit" : ReportFormat.Loss(p.Predicted);

    static string Interval(DesignPrediction p) => double.IsNaN(p.Lower) ? "—" : ReportFormat.Interval(p.Lower, p.Upper, ReportFormat.Loss);
}

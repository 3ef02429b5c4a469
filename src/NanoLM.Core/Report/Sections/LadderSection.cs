using System.Globalization;

namespace NanoLM.Report;

/// <summary>Every ladder run's training and validation curves, and each run's final losses.</summary>
internal static class LadderSection
{
    const string Id = "ladder";

    public static ReportSection Build(LadderCurves? ladder, string lossUnit)
    {
        if (ladder is null || ladder.Runs.Count == 0)
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.Ladder, "no ladder runs were recorded.");

        var rows = ladder.Runs.OrderBy(r => r.Width).ThenBy(r => r.Seed).Select(r => (IReadOnlyList<string>)
        [
            r.Width.ToString(CultureInfo.InvariantCulture),
            r.Seed.ToString(CultureInfo.InvariantCulture),
            Last(r.Train, p => ReportFormat.Count(p.Tokens)),
            Last(r.Train, p => ReportFormat.Loss(p.Loss)),
            Last(r.Validation, p => ReportFormat.Loss(p.Loss)),
        ]).ToList();
        return new ReportSection(Id, ReportSectionTitles.Ladder,
        [
            new FigureBlock($"{Id}.svg", SvgRendering.ToSvg(LadderCurvesPlot.Build(ladder, lossUnit), Id), "Loss against tokens seen for every ladder run (log-log)."),
            new TableBlock(
                [new("width", true), new("seed", true), new("tokens", true), new($"final train loss ({lossUnit})", true), new($"final val loss ({lossUnit})", true)],
                rows),
        ]);
    }

    static string Last(IReadOnlyList<TokenLossPoint> points, Func<TokenLossPoint, string> format) =>
        points.Count == 0 ? "—" : format(points.MaxBy(p => p.Tokens)!);
}

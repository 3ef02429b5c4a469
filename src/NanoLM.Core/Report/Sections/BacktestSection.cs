using System.Globalization;

namespace NanoLM.Report;

/// <summary>Held-out extrapolation scores: fit on the smallest rungs, predict the next larger one.</summary>
internal static class BacktestSection
{
    const string Id = "backtest";

    public static ReportSection Build(IReadOnlyList<BacktestRow>? backtest, ReportedFit? fit)
    {
        if (backtest is null || backtest.Count == 0)
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.Backtest, "the ladder has too few rungs to hold any out, or no backtest was run.");

        string xName = fit?.XName ?? "held-out X";
        double meanAbsolute = backtest.Average(r => Math.Abs(r.RelativeError));
        return new ReportSection(Id, ReportSectionTitles.Backtest,
        [
            new TableBlock(
                [new("widths fitted", true), new($"held-out {xName}", true), new("predicted", true), new("actual", true), new("relative error", true)],
                backtest.OrderBy(r => r.FittedCount).ThenBy(r => r.HeldOutX).Select(r => (IReadOnlyList<string>)
                [
                    r.FittedCount.ToString(CultureInfo.InvariantCulture),
                    ReportFormat.Count(r.HeldOutX),
                    ReportFormat.Loss(r.Predicted),
                    ReportFormat.Loss(r.Actual),
                    ReportFormat.RelativeError(r.RelativeError),
                ]).ToList()),
            new ParagraphBlock($"Mean absolute relative error over {backtest.Count} held-out predictions: {ReportFormat.Percent(meanAbsolute, decimals: 2)}."),
        ]);
    }
}

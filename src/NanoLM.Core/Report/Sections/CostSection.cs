using System.Globalization;

namespace NanoLM.Report;

/// <summary>FLOPs and wall time per stage, and the share of the target's cost spent before training it.</summary>
internal static class CostSection
{
    const string Id = "cost";

    public static ReportSection Build(CostBreakdown? cost)
    {
        if (cost is null || cost.Rows.Count == 0)
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.Cost, "no compute was accounted.");

        double targetFlops = cost.Rows.Where(r => r.Stage == CostStage.Target).Sum(r => r.Flops);
        double targetSeconds = cost.Rows.Where(r => r.Stage == CostStage.Target).Sum(r => r.WallTime.TotalSeconds);
        var rows = cost.Rows.OrderBy(r => r.Stage).Select(r => (IReadOnlyList<string>)
        [
            r.Stage.ToString().ToLowerInvariant(),
            r.Runs.ToString(CultureInfo.InvariantCulture),
            ReportFormat.Flops(r.Flops),
            targetFlops > 0 ? ReportFormat.Percent(r.Flops / targetFlops) : "—",
            ReportFormat.Duration(r.WallTime),
            targetSeconds > 0 ? ReportFormat.Percent(r.WallTime.TotalSeconds / targetSeconds) : "—",
        ]).ToList();
        var blocks = new List<ReportBlock>
        {
            new TableBlock([new("stage"), new("runs", true), new("FLOPs", true), new("of target FLOPs", true), new("wall time", true), new("of target time", true)], rows),
        };
        if (cost.PrecursorFlopsFraction is double flopsShare)
        {
            string time = cost.PrecursorWallTimeFraction is double timeShare ? $" and {ReportFormat.Percent(timeShare)} of its wall time" : "";
            string text = $"Search + ladder used {ReportFormat.Percent(flopsShare)} of the target's FLOPs{time} (budget {ReportFormat.Percent(cost.BudgetFraction)} of FLOPs).";
            blocks.Add(new NoticeBlock(flopsShare <= cost.BudgetFraction ? NoticeKind.Passed : NoticeKind.Warning, text));
        }
        return new ReportSection(Id, ReportSectionTitles.Cost, blocks);
    }
}

namespace NanoLM.Report;

/// <summary>Lays a <see cref="ReportModel"/> out as a <see cref="ReportDocument"/>: every section in a fixed order, plots rendered once for both writers.</summary>
public static class ReportDocumentBuilder
{
    public static ReportDocument Build(ReportModel model)
    {
        string unit = model.Summary.LossUnit;
        return new ReportDocument(
            $"nanolm report: {model.Summary.ExperimentName}",
            [
                SummarySection.Build(model),
                SearchSection.Build(model.Search, unit),
                LadderSection.Build(model.Ladder, unit),
                FitSection.Build(model.Fit, unit),
                BacktestSection.Build(model.Backtest, model.Fit),
                CoordCheckSection.Build(model.CoordCheck),
                CostSection.Build(model.Cost),
                EnvironmentSection.Build(model.Environment),
            ]);
    }

    internal static ReportSection NotAvailable(string id, string title, string reason) =>
        new(id, title, [new NoticeBlock(NoticeKind.NotAvailable, $"Not available: {reason}")]);
}

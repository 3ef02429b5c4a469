using System.Globalization;

namespace NanoLM.Report;

/// <summary>The learning-rate sweeps, the chosen point per width, and a warning when the optimum moves with width.</summary>
internal static class SearchSection
{
    const string Id = "search";

    public static ReportSection Build(SearchResults? search, string lossUnit)
    {
        if (search is null || search.Sweeps.Count == 0)
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.Search, "no learning-rate search was recorded.");

        var blocks = new List<ReportBlock>
        {
            new FigureBlock($"{Id}.svg", SvgRendering.ToSvg(SearchPlot.Build(search, lossUnit), Id), "Validation loss against peak learning rate, one line per width."),
        };
        var sweeps = search.Sweeps.OrderBy(s => s.Width).ToList();
        blocks.Add(new TableBlock(
            [new("width", Numeric: true), new("trials", Numeric: true), new("diverged", Numeric: true), new("chosen LR", Numeric: true), new($"val loss ({lossUnit})", Numeric: true)],
            sweeps.Select(s => (IReadOnlyList<string>)
            [
                s.Width.ToString(CultureInfo.InvariantCulture),
                s.Points.Count.ToString(CultureInfo.InvariantCulture),
                s.Points.Count(p => p.Diverged).ToString(CultureInfo.InvariantCulture),
                s.Optimum is { } o ? ReportFormat.LearningRate(o.LearningRate) : "—",
                s.Optimum is { } best ? ReportFormat.Loss(best.ValidationLoss) : "—",
            ]).ToList()));

        if (sweeps.Count >= 2)
        {
            blocks.Add(DriftNotice(search, sweeps));
        }
        foreach (var sweep in sweeps.Where(s => s.OptimumAtGridEdge))
            blocks.Add(new NoticeBlock(NoticeKind.Warning, $"At width {sweep.Width} the optimum is at the edge of the grid; the true optimum may lie outside the learning rates tried."));
        return new ReportSection(Id, ReportSectionTitles.Search, blocks);
    }

    // A drift is a warning unless the widths whose optimum moved already search on their own (search.rungs).
    static NoticeBlock DriftNotice(SearchResults search, IReadOnlyList<LearningRateSweep> sweeps)
    {
        string factor = search.DriftFactor.ToString("0.0#", CultureInfo.InvariantCulture);
        string threshold = search.DriftFactorThreshold.ToString("0.#", CultureInfo.InvariantCulture);
        if (!search.OptimumDrifts)
            return new NoticeBlock(NoticeKind.Passed, $"The optimal learning rate stays put across widths (largest / smallest = {factor}×, below the {threshold}× threshold).");
        string drift = $"The optimal learning rate drifts across widths (largest / smallest = {factor}×, threshold {threshold}×)";
        var own = sweeps.Where(s => s.OwnSearch).Select(s => s.Width.ToString(CultureInfo.InvariantCulture)).ToList();
        return own.Count switch
        {
            0 => new NoticeBlock(NoticeKind.Warning, $"{drift}: μTransfer did not hold here, so the ladder's hyperparameters may not be optimal at every width. Widths listed in search.rungs (with search.rung_lr) search on their own and train at their own optimum."),
            1 => new NoticeBlock(NoticeKind.Passed, $"{drift}: width {own[0]} searched on its own (search.rungs) and trains at its own optimum; the other rungs and the targets take the proxy's."),
            _ => new NoticeBlock(NoticeKind.Passed, $"{drift}: widths {string.Join(", ", own)} searched on their own (search.rungs) and train at their own optima; the other rungs and the targets take the proxy's."),
        };
    }
}

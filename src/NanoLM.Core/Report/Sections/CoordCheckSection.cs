using System.Globalization;
using NanoLM.CoordCheck;

namespace NanoLM.Report;

/// <summary>The coord check: activations against width at the last step, and each module's log-log slope at every step.</summary>
internal static class CoordCheckSection
{
    const string Id = "coord-check";

    public static ReportSection Build(CoordCheckResults? coordCheck)
    {
        if (coordCheck is null || (coordCheck.Curves.Count == 0 && string.IsNullOrWhiteSpace(coordCheck.PrerenderedSvg)))
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.CoordCheck, "no coord check was run (dotnet nanolm coord-check).");

        string caption = $"Mean |activation| against width under {coordCheck.Parametrization}; under μP every line is flat.";
        if (coordCheck.Curves.Count == 0)
            return new ReportSection(Id, ReportSectionTitles.CoordCheck, [Prerendered(coordCheck.PrerenderedSvg!, caption)]);

        var steps = coordCheck.Curves.Select(c => c.Step).Distinct().Order().ToList();
        var rows = coordCheck.Curves.Select(c => c.Module).Distinct().Select(module => (IReadOnlyList<string>)
        [
            module,
            .. steps.Select(step => coordCheck.Curves.FirstOrDefault(c => c.Module == module && c.Step == step)?.LogLogSlope() is { } slope && double.IsFinite(slope)
                ? slope.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)
                : "—"),
        ]).ToList();
        return new ReportSection(Id, ReportSectionTitles.CoordCheck,
        [
            new FigureBlock($"{Id}.svg", SvgRendering.ToSvg(CoordCheckReportPlot.Build(coordCheck), Id), caption),
            new ParagraphBlock("Log-log slope of mean |activation| against width, per module and step (≈ 0 under μP; grows under SP)."),
            new TableBlock([new("module"), .. steps.Select(s => new TableColumn($"step {s}", true))], rows),
            Verdict(coordCheck),
        ]);
    }

    // The rule `dotnet nanolm coord-check` exits by, at its default limit.
    static NoticeBlock Verdict(CoordCheckResults coordCheck)
    {
        string limit = CoordCheckVerdict.DefaultMaxSlope.ToString("0.0#", CultureInfo.InvariantCulture);
        var notFlat = CoordCheckVerdict.NotFlat(coordCheck.Curves);
        return notFlat.Count == 0
            ? new NoticeBlock(NoticeKind.Passed, $"At every step every module's |slope| is within {limit}: activations do not change with width.")
            : new NoticeBlock(NoticeKind.Warning, $"Activations change with width (|slope| > {limit} at some step) in: {string.Join(", ", notFlat)}.");
    }

    // A drawing made elsewhere may be broken; that should cost this figure, not the whole report.
    static ReportBlock Prerendered(string svg, string caption)
    {
        try
        {
            return new FigureBlock($"{Id}.svg", SvgRendering.ScopeIds(svg, Id), caption);
        }
        catch (System.Xml.XmlException error)
        {
            return new NoticeBlock(NoticeKind.Warning, $"The coord-check drawing could not be read as SVG ({error.Message}).");
        }
    }
}

namespace NanoLM.Report;

/// <summary>Renders a report model to report.html, report.md and the SVG plots the Markdown links to, all in one folder.</summary>
public static class ReportRenderer
{
    public static ReportOutput Write(ReportModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        var document = ReportDocumentBuilder.Build(model);
        var (markdownPath, svgPaths) = MarkdownReportWriter.Write(document, directory);
        string htmlPath = HtmlReportWriter.Write(document, directory);
        RemoveStaleFigures(document, directory, svgPaths);
        return new ReportOutput(htmlPath, markdownPath, svgPaths);
    }

    // A section that had a plot in an earlier report but has no data now would otherwise leave that old plot lying beside
    // the new report, looking current. Only files named after our own sections are touched.
    static void RemoveStaleFigures(ReportDocument document, string directory, IReadOnlyList<string> written)
    {
        var current = written.Select(Path.GetFileName).ToHashSet();
        foreach (var section in document.Sections)
        {
            string name = $"{section.Id}.svg";
            if (!current.Contains(name)) File.Delete(Path.Combine(directory, name));
        }
    }
}

using NanoLM.Report;
using NanoLM.Spec;

namespace NanoLM.Compare;

/// <summary>Writes a comparison as report.html and report.md (with its SVG plot) into one folder.</summary>
public static class CompareReport
{
    public static ReportDocument Build(DesignComparison comparison)
    {
        string unit = LossUnit(comparison.A.Ladder.Spec);
        var facts = new List<IReadOnlyList<string>>();
        foreach (var (name, fit) in new[] { ("A", comparison.A), ("B", comparison.B) })
        {
            var ladder = fit.Ladder;
            facts.Add([name, $"{ladder.Label}: {ladder.Family.ToString().ToLowerInvariant()}, widths {string.Join(", ", ladder.Rungs.Select(r => r.Width).Distinct().Order())}, " +
                             $"validation loss at step {ladder.FitStep}, {ladder.SpecPath}"]);
        }
        return new ReportDocument($"nanolm compare: {comparison.A.Ladder.Label} vs {comparison.B.Ladder.Label}",
        [
            new ReportSection("summary", ReportSectionTitles.Summary, [new TableBlock([new("design"), new("ladder")], facts)]),
            CompareSection.Build(comparison, unit),
        ]);
    }

    public static ReportOutput Write(DesignComparison comparison, string directory)
    {
        Directory.CreateDirectory(directory);
        var document = Build(comparison);
        var (markdownPath, svgPaths) = MarkdownReportWriter.Write(document, directory);
        return new ReportOutput(HtmlReportWriter.Write(document, directory), markdownPath, svgPaths);
    }

    /// <summary>As the experiment report reads it: bytes for the built-in corpus and byte-level data, tokens otherwise.</summary>
    public static string LossUnit(ExperimentSpec spec) =>
        spec.Data.Source == DataSource.Synthetic || spec.Data.VocabSize == 256 ? "nats/byte" : "nats/token";
}

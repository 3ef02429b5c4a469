using System.Text;

namespace NanoLM.Report;

/// <summary>Renders a report as Markdown with each plot in its own SVG file beside it, linked relatively.</summary>
public static class MarkdownReportWriter
{
    public const string FileName = "report.md";

    public static string Render(ReportDocument document)
    {
        var markdown = new StringBuilder();
        markdown.Line($"# {Escape(document.Title)}");
        foreach (var section in document.Sections)
        {
            markdown.Line();
            markdown.Line($"## {Escape(section.Title)}");
            foreach (var block in section.Blocks)
            {
                markdown.Line();
                AppendBlock(markdown, block);
            }
        }
        return markdown.ToString();
    }

    /// <summary>Writes every figure as an SVG file, then <see cref="FileName"/>, into <paramref name="directory"/>; returns the Markdown's path and the SVGs' paths.</summary>
    public static (string MarkdownPath, IReadOnlyList<string> SvgPaths) Write(ReportDocument document, string directory)
    {
        var svgPaths = new List<string>();
        foreach (var figure in document.Sections.SelectMany(s => s.Blocks).OfType<FigureBlock>())
        {
            string svgPath = Path.Combine(directory, figure.FileName);
            AtomicFile.WriteAllText(svgPath, figure.Svg);
            svgPaths.Add(svgPath);
        }
        // The Markdown goes last so that every link in it already resolves when it appears.
        string path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, Render(document));
        return (path, svgPaths);
    }

    static void AppendBlock(StringBuilder markdown, ReportBlock block)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                markdown.Line(Escape(paragraph.Text));
                break;
            case NoticeBlock notice:
                markdown.Line(notice.Kind switch
                {
                    NoticeKind.Warning => $"> **Warning:** {Escape(notice.Text)}",
                    NoticeKind.Passed => $"> **Check passed:** {Escape(notice.Text)}",
                    _ => $"*{Escape(notice.Text)}*",
                });
                break;
            case TableBlock table:
                markdown.Line("| " + string.Join(" | ", table.Columns.Select(c => Cell(c.Header))) + " |");
                markdown.Line("|" + string.Concat(table.Columns.Select(c => c.Numeric ? "---:|" : "---|")));
                foreach (var row in table.Rows)
                    markdown.Line("| " + string.Join(" | ", row.Select(Cell)) + " |");
                break;
            case FigureBlock figure:
                markdown.Line($"![{Escape(figure.Caption)}]({figure.FileName})");
                markdown.Line();
                markdown.Line($"*{Escape(figure.Caption)}*");
                break;
            default:
                throw new NotSupportedException($"no Markdown rendering for {block.GetType().Name}");
        }
    }

    // Characters that would otherwise start emphasis, links, code or HTML in the middle of plain text.
    static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    static string Cell(string text) => Escape(text).Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
}

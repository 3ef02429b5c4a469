using System.Net;
using System.Text;

namespace NanoLM.Report;

/// <summary>Renders a report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched from anywhere.</summary>
public static class HtmlReportWriter
{
    public const string FileName = "report.html";

    // System fonts only: a report must open offline and look the same wherever it is copied.
    const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f6f4; color: #222; font: 15px/1.5 system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
        h1 { font-size: 26px; margin: 8px 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #e4e4e0; }
        nav ol { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 8px 0 0; list-style: none; font-size: 14px; }
        nav a { color: #0b5cad; text-decoration: none; }
        nav a:hover { text-decoration: underline; }
        figure { margin: 12px 0 16px; }
        figure svg { display: block; width: 100%; max-width: 860px; height: auto; border: 1px solid #e4e4e0; }
        figcaption { font-size: 13px; color: #555; margin-top: 4px; }
        table { border-collapse: collapse; margin: 10px 0 14px; font-size: 14px; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #e4e4e0; text-align: left; vertical-align: top; }
        th { background: #f0f0ec; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) td { background: #fafaf8; }
        .notice { padding: 8px 12px; margin: 10px 0; border-left: 4px solid; border-radius: 2px; }
        .notice.not-available { border-color: #9a9a9a; background: #f3f3f3; color: #555; font-style: italic; }
        .notice.warning { border-color: #c8641e; background: #fdf1e7; }
        .notice.passed { border-color: #2e8b57; background: #eaf6ef; }
        """;

    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Line("<!DOCTYPE html>");
        html.Line("<html lang=\"en\">");
        html.Line("<head>");
        html.Line("<meta charset=\"utf-8\">");
        html.Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Line($"<title>{Encode(document.Title)}</title>");
        html.Line($"<style>\n{Css}\n</style>");
        html.Line("</head>");
        html.Line("<body>");
        html.Line("<main>");
        html.Line($"<h1>{Encode(document.Title)}</h1>");
        html.Line("<nav><ol>");
        foreach (var section in document.Sections)
            html.Line($"<li><a href=\"#{Encode(section.Id)}\">{Encode(section.Title)}</a></li>");
        html.Line("</ol></nav>");
        foreach (var section in document.Sections)
        {
            html.Line($"<section id=\"{Encode(section.Id)}\">");
            html.Line($"<h2>{Encode(section.Title)}</h2>");
            foreach (var block in section.Blocks) AppendBlock(html, block);
            html.Line("</section>");
        }
        html.Line("</main>");
        html.Line("</body>");
        html.Line("</html>");
        return html.ToString();
    }

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(ReportDocument document, string directory)
    {
        string path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, Render(document));
        return path;
    }

    static void AppendBlock(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                html.Line($"<p>{Encode(paragraph.Text)}</p>");
                break;
            case NoticeBlock notice:
                html.Line(notice.Kind switch
                {
                    NoticeKind.Warning => $"<p class=\"notice warning\"><strong>Warning:</strong> {Encode(notice.Text)}</p>",
                    NoticeKind.Passed => $"<p class=\"notice passed\"><strong>Check passed:</strong> {Encode(notice.Text)}</p>",
                    _ => $"<p class=\"notice not-available\">{Encode(notice.Text)}</p>",
                });
                break;
            case TableBlock table:
                AppendTable(html, table);
                break;
            case FigureBlock figure:
                // The SVG comes from our own plot builders (or a trusted coord-check renderer) and is inlined as markup.
                html.Line("<figure>");
                html.Line(figure.Svg);
                html.Line($"<figcaption>{Encode(figure.Caption)}</figcaption>");
                html.Line("</figure>");
                break;
            default:
                throw new NotSupportedException($"no HTML rendering for {block.GetType().Name}");
        }
    }

    static void AppendTable(StringBuilder html, TableBlock table)
    {
        html.Line("<table>");
        html.Append("<thead><tr>");
        foreach (var column in table.Columns)
            html.Append(column.Numeric ? $"<th class=\"num\">{Encode(column.Header)}</th>" : $"<th>{Encode(column.Header)}</th>");
        html.Line("</tr></thead>");
        html.Line("<tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                bool numeric = i < table.Columns.Count && table.Columns[i].Numeric;
                html.Append(numeric ? $"<td class=\"num\">{Encode(row[i])}</td>" : $"<td>{Encode(row[i])}</td>");
            }
            html.Line("</tr>");
        }
        html.Line("</tbody>");
        html.Line("</table>");
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using NanoLM.CoordCheck;
using NanoLM.Report;

namespace NanoLM.Tests.Report;

public sealed partial class ReportWriterTests
{
    [Fact]
    public void Html_and_markdown_contain_every_section_heading()
    {
        var document = ReportDocumentBuilder.Build(ReportFixtures.Full());
        string html = HtmlReportWriter.Render(document);
        string markdown = MarkdownReportWriter.Render(document);

        foreach (string title in ReportSectionTitles.All)
        {
            Assert.Contains($">{title}</h2>", html);
            Assert.Contains($"\n## {title}\n", markdown);
        }
    }

    [Fact]
    public void Every_svg_parses_as_xml_with_an_svg_root_and_a_size()
    {
        using var output = new ReportOutputDirectory();
        var files = ReportRenderer.Write(ReportFixtures.Full(), output.Path);

        Assert.Equal(["coord-check.svg", "fit.svg", "ladder.svg", "search.svg"], files.SvgPaths.Select(Path.GetFileName).Order());
        var inline = SvgElement().Matches(File.ReadAllText(files.HtmlPath)).Select(m => m.Value).ToList();
        Assert.Equal(4, inline.Count);
        foreach (string svg in files.SvgPaths.Select(File.ReadAllText).Concat(inline))
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.Equal("http://www.w3.org/2000/svg", root.Name.NamespaceName);
            Assert.True(double.Parse(root.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.True(double.Parse(root.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public void Html_references_nothing_on_the_network_and_runs_no_script()
    {
        string html = HtmlReportWriter.Render(ReportDocumentBuilder.Build(ReportFixtures.Full()));

        // Namespace URIs name a vocabulary; nothing fetches them. Everything else that looks like a URL is a reference.
        string withoutNamespaces = NamespaceDeclaration().Replace(html, "");
        Assert.DoesNotContain("http://", withoutNamespaces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", withoutNamespaces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"url\(\s*[^#\s]", html);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!DOCTYPE svg", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_without_optional_sections_says_each_is_not_available()
    {
        var document = ReportDocumentBuilder.Build(ReportFixtures.Minimal());
        string html = HtmlReportWriter.Render(document);
        string markdown = MarkdownReportWriter.Render(document);

        Assert.Equal(ReportSectionTitles.All, document.Sections.Select(s => s.Title));
        Assert.Equal(ReportSectionTitles.All.Count - 1, Regex.Matches(html, "Not available: ").Count);
        Assert.Equal(ReportSectionTitles.All.Count - 1, Regex.Matches(markdown, @"^\*Not available: .+\*$", RegexOptions.Multiline).Count);
        Assert.DoesNotContain("<svg", html);
        foreach (string title in ReportSectionTitles.All) Assert.Contains($"## {title}", markdown);
    }

    [Fact]
    public void Ids_inside_inlined_plots_are_unique_in_the_page_and_every_reference_resolves()
    {
        string html = HtmlReportWriter.Render(ReportDocumentBuilder.Build(ReportFixtures.Full()));

        var ids = Regex.Matches(html, "\\sid=\"(?<id>[^\"]+)\"").Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var references = Regex.Matches(html, @"url\(#(?<id>[^)]+)\)").Select(m => m.Groups["id"].Value).Distinct().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference, ids));
    }

    [Fact]
    public void Markdown_links_each_plot_by_a_relative_path_that_exists()
    {
        using var output = new ReportOutputDirectory();
        var files = ReportRenderer.Write(ReportFixtures.Full(), output.Path);

        var links = MarkdownImage().Matches(File.ReadAllText(files.MarkdownPath)).Select(m => m.Groups["target"].Value).ToList();
        Assert.Equal(4, links.Count);
        foreach (string link in links)
        {
            Assert.False(Path.IsPathRooted(link));
            Assert.True(File.Exists(Path.Combine(output.Path, link)), $"{link} is linked but was not written");
        }
    }

    [Fact]
    public void Writing_again_replaces_the_report_and_leaves_no_stale_plots_or_temporary_files()
    {
        using var output = new ReportOutputDirectory();
        ReportRenderer.Write(ReportFixtures.Full(), output.Path);
        var files = ReportRenderer.Write(ReportFixtures.Minimal(), output.Path);

        Assert.Contains("Not available: no learning-rate search", File.ReadAllText(files.HtmlPath));
        var names = Directory.GetFiles(output.Path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["report.html", "report.md"], names);
    }

    [Fact]
    public void Coord_check_drawn_elsewhere_is_shown_as_given()
    {
        string svg = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text x="5" y="20">drawn by the coord check</text></svg>""";
        var model = ReportFixtures.Minimal() with { CoordCheck = new CoordCheckResults("sp", [], svg) };

        string html = HtmlReportWriter.Render(ReportDocumentBuilder.Build(model));

        Assert.Contains("drawn by the coord check", html);
        Assert.Contains("under sp", html);
    }

    [Fact]
    public void Coord_check_drawing_that_is_not_svg_costs_only_its_figure()
    {
        var model = ReportFixtures.Full() with { CoordCheck = new CoordCheckResults("sp", [], "<svg><unclosed></svg>") };

        var section = ReportDocumentBuilder.Build(model).Sections.Single(s => s.Title == ReportSectionTitles.CoordCheck);

        var notice = Assert.IsType<NoticeBlock>(Assert.Single(section.Blocks));
        Assert.Equal(NoticeKind.Warning, notice.Kind);
    }

    [Fact]
    public void Report_reads_the_same_whatever_the_culture_of_the_machine()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        var model = ReportFixtures.Full() with { Search = ReportFixtures.Search(driftingOptimum: true) };
        string Render() => HtmlReportWriter.Render(ReportDocumentBuilder.Build(model)) + MarkdownReportWriter.Render(ReportDocumentBuilder.Build(model));
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            string invariant = Render();
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(invariant, Render());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Sparse_or_degenerate_data_still_renders()
    {
        var model = ReportFixtures.Minimal() with
        {
            Search = new SearchResults([new LearningRateSweep(32, [new(1e-2, double.PositiveInfinity)]), new LearningRateSweep(64, [new(1e-2, 2.5)])]),
            Ladder = new LadderCurves([new LadderRunCurve(64, 0, [], []), new LadderRunCurve(128, 0, [new(1000, 4.0)], [])]),
            Fit = new ReportedFit("power", "parameters", null, [new ScalingPoint(1e6, 3.0)], [], [new FitParameter("E", 2.0)]),
            Backtest = [new BacktestRow(3, 1e7, 3.0, 3.0)],
            CoordCheck = new CoordCheckResults("sp", [new CoordCheckCurve("readout", 1, [64, 128], [0.0, 0.0])]),
            Cost = new CostBreakdown([new CostRow(CostStage.Search, 0, 0, TimeSpan.Zero)]),
        };

        var document = ReportDocumentBuilder.Build(model);
        string html = HtmlReportWriter.Render(document);

        Assert.Equal(4, SvgElement().Matches(html).Count);
        Assert.Contains("Not available: no target predictions.", html);
        Assert.DoesNotContain("NaN", html);
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();

    [GeneratedRegex("xmlns(:[A-Za-z]+)?=\"[^\"]*\"")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"!\[[^\]]*\]\((?<target>[^)]+)\)")]
    private static partial Regex MarkdownImage();
}

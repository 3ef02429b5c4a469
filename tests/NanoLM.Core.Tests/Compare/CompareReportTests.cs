using NanoLM.Compare;

namespace NanoLM.Tests.Compare;

public class CompareReportTests
{
    [Fact]
    public void Compare_report_has_both_fits_on_one_plot_the_table_and_the_crossing()
    {
        var a = CompareLadders.Law("gpt", 1.2, 60, 0.5);
        var b = CompareLadders.Law("llama", 1.0, 120, 0.5);
        var comparison = DesignComparer.Compare(a, b, [3e4, 1e7], new CompareOptions(Bootstrap: 50));
        string directory = Path.Combine(Path.GetTempPath(), "nanolm-compare-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = CompareReport.Write(comparison, directory);

            string html = File.ReadAllText(output.HtmlPath);
            Assert.Contains(CompareSection.Title, html);
            Assert.Contains("A: gpt fit", html);
            Assert.Contains("B: llama fit", html);
            Assert.Contains("P(A beats B)", html);
            Assert.Contains("within the trained sizes", html);
            Assert.Equal(1, html.Split("<svg").Length - 1);
            Assert.Equal(Path.Combine(directory, "compare.svg"), Assert.Single(output.SvgPaths));
            Assert.Contains("compare.svg", File.ReadAllText(output.MarkdownPath));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_degenerate_design_shows_its_ladder_but_no_curve_and_no_prediction()
    {
        var staircase = CompareLadders.Law("gpt", 0, 0, 0.3, [1.2969, 1.2693, 1.2841, 1.2632], widths: [32, 48, 64, 96]);
        var comparison = DesignComparer.Compare(staircase, CompareLadders.Law("llama", 1.0, 30, 0.3), [1e6], new CompareOptions(Bootstrap: 50));
        string directory = Path.Combine(Path.GetTempPath(), "nanolm-compare-" + Guid.NewGuid().ToString("N"));
        try
        {
            string html = File.ReadAllText(CompareReport.Write(comparison, directory).HtmlPath);

            Assert.Contains("A: gpt ladder", html);
            Assert.DoesNotContain("A: gpt fit", html);
            Assert.Contains("B: llama fit", html);
            Assert.Contains("degenerate fit", html);
            Assert.Contains("fit is degenerate", html);
            Assert.DoesNotContain("NaN", html);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}

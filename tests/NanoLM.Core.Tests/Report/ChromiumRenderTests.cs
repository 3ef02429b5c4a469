using System.Diagnostics;
using System.Text.RegularExpressions;
using NanoLM.Report;
using Xunit.Abstractions;

namespace NanoLM.Tests.Report;

public sealed class ChromiumRenderTests(ITestOutputHelper output)
{
    /// <summary>The shortest band of coloured rows that is a plot (the report's plots are 250–400 px tall at this width).</summary>
    const int MinimumPlotHeight = 100;

    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [ChromiumFact]
    public void Headless_chromium_draws_every_plot_of_the_report_on_a_page_that_is_not_blank()
    {
        // The report and its screenshot stay in the test output afterwards, so a person can look at both.
        string artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults");
        string reportFolder = Path.Combine(artifacts, "report");
        if (Directory.Exists(reportFolder)) Directory.Delete(reportFolder, recursive: true);
        using var profile = new ReportOutputDirectory();
        var files = ReportRenderer.Write(ReportFixtures.Full(), reportFolder);
        string screenshot = Path.Combine(artifacts, "report-screenshot.png");
        File.Delete(screenshot);

        var start = new ProcessStartInfo(ChromiumFactAttribute.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No network and no profile state: the page must render from the file alone.
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile.Path}",
            $"--screenshot={screenshot}", "--window-size=1200,9000", new Uri(files.HtmlPath).AbsoluteUri,
        })
            start.ArgumentList.Add(argument);

        using var chromium = Process.Start(start)!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        var stdout = chromium.StandardOutput.ReadToEndAsync();
        if (!chromium.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            chromium.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish the screenshot within 90 s");
        }
        chromium.WaitForExit();

        Assert.True(File.Exists(screenshot), $"no screenshot; chromium exited {chromium.ExitCode}: {stderr.Result}{stdout.Result}");
        byte[] png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 10_000, $"the screenshot is only {png.Length} bytes");
        Assert.Equal(PngSignature, png.Take(PngSignature.Length));
        // What a person would see: a page with text on it, and every figure drawn in colour (a band of coloured rows at
        // least a plot tall; the navigation links and the check's box are far thinner). The window is tall enough for all.
        var image = StbImageSharp.ImageResult.FromMemory(png, StbImageSharp.ColorComponents.RedGreenBlue);
        var page = ScreenshotInk.Measure(image.Data, image.Width, image.Height);
        int figures = Regex.Matches(File.ReadAllText(files.HtmlPath), "<figure>").Count;
        var plots = page.ColoredBands.Where(b => b.ToRow - b.FromRow >= MinimumPlotHeight).ToList();
        output.WriteLine($"ink {page.InkShare:P1}, colour bands {string.Join(", ", page.ColoredBands)}; {figures} figures in the HTML");
        Assert.True(page.InkShare > 0.05, $"the page is nearly blank: {page.InkShare:P1} of it differs from the background");
        Assert.True(figures >= 4, $"the fixture's report has {figures} figures");
        Assert.Equal(figures, plots.Count);
        output.WriteLine($"report screenshot: {screenshot}");
        output.WriteLine($"report rendered for it: {files.HtmlPath}");
    }
}

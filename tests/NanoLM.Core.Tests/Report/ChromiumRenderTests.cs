using System.Diagnostics;
using NanoLM.Report;
using Xunit.Abstractions;

namespace NanoLM.Tests.Report;

public sealed class ChromiumRenderTests(ITestOutputHelper output)
{
    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [ChromiumFact]
    public void Headless_chromium_renders_the_report_to_a_non_empty_screenshot()
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
            $"--screenshot={screenshot}", "--window-size=1200,3000", new Uri(files.HtmlPath).AbsoluteUri,
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
        output.WriteLine($"report screenshot: {screenshot}");
        output.WriteLine($"report rendered for it: {files.HtmlPath}");
    }
}

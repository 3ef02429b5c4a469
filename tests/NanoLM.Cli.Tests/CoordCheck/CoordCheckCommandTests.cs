namespace NanoLM.Tests.CoordCheck;

public class CoordCheckCommandTests
{
    static string[] Tiny(string outDir, params string[] extra) =>
        ["coord-check", "--widths", "16,32", "--steps", "2", "--depth", "1", "--head-dim", "8", "--seq", "8", "--seeds", "1", "--threads", "1", "--out", outDir, .. extra];

    [Fact]
    public void Coord_check_prints_slopes_and_writes_one_svg_per_step()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nanolm-cc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliRun.Of(Tiny(dir, "--max-slope", "10"));
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("block0.attn", run.Output);
            Assert.Contains("logits", run.Output);
            Assert.True(File.Exists(Path.Combine(dir, "coord-check-step0.svg")));
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "coord-check-step1.svg")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Coord_check_exits_1_when_a_muP_slope_exceeds_the_limit()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nanolm-cc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliRun.Of(Tiny(dir, "--max-slope", "0"));
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("not flat under μP", run.Output);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Coord_check_rejects_widths_that_are_not_multiples_of_the_head_dim()
    {
        var run = CliRun.Of("coord-check", "--widths", "20,40", "--head-dim", "16");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("multiple of --head-dim", run.Error);
    }
}

namespace NanoLM.Tests.CoordCheck;

public class LlamaCoordCheckCommandTests
{
    [Fact]
    public void Coord_check_of_the_llama_family_measures_its_blocks()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nanolm-cc-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliRun.Of("coord-check", "--family", "llama", "--widths", "16,32", "--steps", "2", "--depth", "1", "--head-dim", "8",
                "--seq", "8", "--seeds", "1", "--threads", "1", "--max-slope", "10", "--out", dir);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            Assert.Contains("coord check (μP, llama)", run.Output);
            Assert.Contains("LR 0.003", run.Output);
            Assert.Contains("block0.mlp", run.Output);
            Assert.True(File.Exists(Path.Combine(dir, "coord-check-step1.svg")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Coord_check_of_the_llama_family_needs_an_even_head_dim()
    {
        var run = CliRun.Of("coord-check", "--family", "llama", "--widths", "18,36", "--head-dim", "9");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("even head size", run.Error);
    }
}

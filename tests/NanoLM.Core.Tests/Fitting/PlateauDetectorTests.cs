using NanoLM.Fitting;

namespace NanoLM.Tests.Fitting;

public class PlateauDetectorTests
{
    // A fast first descent to a plateau at 1.8, an escape centred on step `escape`, then a power law: the shape of the
    // synthetic corpus's ladder runs, with per-step noise of 2 % as a batch of 1 000 tokens gives.
    static (long[] Steps, double[] Losses) Curve(int steps, double escape, double noise = 0.02, int seed = 1, double plateauLevel = 1.8)
    {
        var random = new Random(seed);
        long[] at = [.. Enumerable.Range(1, steps).Select(s => (long)s)];
        double[] losses = [.. at.Select(s =>
        {
            double first = 3.5 * Math.Exp(-s / 30.0);
            double escaped = 1 / (1 + Math.Exp(-(s - escape) / (escape / 12)));
            double later = 1.0 + 2.5 * Math.Pow(s, -0.25);
            double loss = plateauLevel + first + escaped * (later - plateauLevel) * (later < plateauLevel ? 1 : 0);
            return loss * (1 + noise * Synthetic.Gaussian(random));
        })];
        return (at, losses);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Burn_in_is_the_steepest_point_of_the_escape_from_the_plateau(int seed)
    {
        var (steps, losses) = Curve(1200, escape: 300, seed: seed);

        var report = PlateauDetector.Detect(steps, losses, warmup: 100);

        Assert.True(report.HadPlateau);
        Assert.False(report.EndsOnPlateau);
        Assert.InRange(report.BurnIn!.Value, 280, 400);
        Assert.True(report.EscapeSlope > 2 * report.PlateauSlope);
    }

    [Fact]
    public void A_later_escape_gives_a_later_burn_in()
    {
        var early = PlateauDetector.Detect(Curve(1200, escape: 250).Steps, Curve(1200, escape: 250).Losses, 100);
        var late = PlateauDetector.Detect(Curve(1200, escape: 500).Steps, Curve(1200, escape: 500).Losses, 100);

        Assert.True(late.BurnIn > early.BurnIn + 150, $"{early.BurnIn} then {late.BurnIn}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_power_law_curve_has_no_plateau_and_starts_after_the_warmup(int seed)
    {
        long[] steps = [.. Enumerable.Range(1, 1200).Select(s => (long)s)];
        var random = new Random(seed);
        double[] losses = [.. steps.Select(s => (1.0 + 3 * Math.Pow(s, -0.4)) * (1 + 0.01 * Synthetic.Gaussian(random)))];

        var report = PlateauDetector.Detect(steps, losses, warmup: 100);

        Assert.False(report.HadPlateau, report.ToString());
        Assert.False(report.EndsOnPlateau);
        Assert.InRange(report.BurnIn!.Value, 100, 130);
    }

    [Fact]
    public void A_curve_that_never_escapes_ends_on_the_plateau()
    {
        var (steps, losses) = Curve(1200, escape: 5000);

        var report = PlateauDetector.Detect(steps, losses, warmup: 100);

        Assert.True(report.EndsOnPlateau);
        Assert.Null(report.BurnIn);
    }

    [Fact]
    public void Sparse_validation_checkpoints_find_the_escape_to_within_a_checkpoint()
    {
        var (steps, losses) = Curve(2000, escape: 600, noise: 0.002);
        var every100 = Enumerable.Range(0, steps.Length).Where(i => steps[i] % 100 == 0).ToList();

        var report = PlateauDetector.Detect([.. every100.Select(i => steps[i])], [.. every100.Select(i => losses[i])], warmup: 100);

        Assert.True(report.HadPlateau);
        Assert.InRange(report.BurnIn!.Value, 500, 800);
    }

    [Fact]
    public void Ladder_burn_in_is_the_latest_run_s_and_ignores_runs_without_one()
    {
        PlateauReport[] runs = [new(300, true, false, 0.02, 0.3), new(450, true, false, 0.02, 0.3), new(null, true, true, 0.01, 0.01)];

        Assert.Equal(450, PlateauDetector.LadderBurnIn(runs));
        Assert.Null(PlateauDetector.LadderBurnIn([runs[2]]));
    }
}

using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Predictions;

namespace NanoLM.Tests.Predictions;

public class LadderBaselinesTests
{
    // L = 5·N^-0.1 with no irreducible loss: a straight line in log-log, which the log-linear baseline must reproduce.
    static readonly IReadOnlyList<WidthMean> PurePowerLaw =
        [.. new[] { (32, 25_000L), (64, 100_000L), (128, 400_000L) }.Select(w => new WidthMean(w.Item1, w.Item2, 5 * Math.Pow(w.Item2, -0.1), 1))];

    [Fact]
    public void No_extrapolation_is_the_widest_rung_and_the_log_linear_line_runs_through_a_pure_power_law()
    {
        var baselines = LadderBaselines.At(PurePowerLaw, 6_400_000);

        Assert.Equal(5 * Math.Pow(400_000, -0.1), baselines.WidestRung, 12);
        Assert.Equal(5 * Math.Pow(6_400_000, -0.1), baselines.LogLinear, 10);
    }

    [Fact]
    public void The_log_linear_line_is_fitted_to_the_widths_means_not_read_off_two_rungs()
    {
        // The middle width sits 1 % high: least squares moves the line by a third of it at the mean log N, not the end points.
        var bent = PurePowerLaw.Select(w => w.Width == 64 ? w with { Loss = w.Loss * 1.01 } : w).ToList();

        var straight = LadderBaselines.At(PurePowerLaw, 6_400_000).LogLinear;
        var fitted = LadderBaselines.At(bent, 6_400_000).LogLinear;

        Assert.True(fitted > straight && fitted < straight * 1.01, $"{fitted} against {straight}");
    }

    [Theory]
    [InlineData(1.00, 1.10, 1.00, 1.0)]   // exact
    [InlineData(1.05, 1.10, 1.00, 0.5)]   // half the baseline's miss
    [InlineData(1.10, 1.10, 1.00, 0.0)]   // as far off as the baseline
    [InlineData(0.80, 1.10, 1.00, -1.0)]  // twice as far off, on the other side
    public void Skill_is_one_minus_the_error_over_the_baselines_error(double predicted, double baseline, double truth, double skill)
    {
        Assert.Equal(skill, LadderBaselines.Skill(predicted, baseline, truth)!.Value, 12);
    }

    [Fact]
    public void Skill_against_an_exact_baseline_is_undefined()
    {
        Assert.Null(LadderBaselines.Skill(1.02, 1.0, 1.0));
    }

    [Fact]
    public void Gain_is_relative_to_the_widest_rung_and_its_interval_mirrors_the_predictions()
    {
        var widest = new WidthMean(128, 400_000, 2.0, 2);
        var target = new PredictionTarget(LawPoint.Ladder(6_400_000));

        var clear = TargetGain.Over(widest, new Prediction(target, 1.9, 1.88, 1.95));
        Assert.Equal(0.05, clear.Gain, 12);
        Assert.Equal(0.025, clear.Lower, 12);
        Assert.Equal(0.06, clear.Upper, 12);
        Assert.True(clear.Resolved);

        // An interval that reaches above the widest rung's loss cannot tell the target from it.
        Assert.False(TargetGain.Over(widest, new Prediction(target, 1.9, 1.8, 2.01)).Resolved);
        Assert.False(TargetGain.Over(widest, new Prediction(target, 1.9)).Resolved);
    }
}

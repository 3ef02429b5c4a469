using NanoLM.Compare;

namespace NanoLM.Tests.Compare;

public class CompareDesignTests
{
    // Noise of the size seed noise has on a rung (1–2 %), and larger than the 0.05 gap between the designs below.
    static readonly double[] SharedNoise = [0.04, -0.03, 0.05, -0.04, 0.02];

    [Fact]
    public void A_design_that_is_better_at_every_rung_wins_every_paired_refit()
    {
        var a = CompareLadders.Law("a", 1.00, 30, 0.3, SharedNoise);
        var b = CompareLadders.Law("b", 1.05, 30, 0.3, SharedNoise);

        var comparison = DesignComparer.Compare(a, b, [1e6, 1e7], new CompareOptions(Bootstrap: 300, Seed: 2));

        Assert.Equal(5, comparison.PairedRungs);
        Assert.Equal(0, comparison.UnpairedRungs);
        Assert.All(comparison.Targets, t => Assert.Equal(1.0, t.ProbabilityABeatsB));
        Assert.All(comparison.Targets, t => Assert.Equal(0.05, t.B.Predicted - t.A.Predicted, 6));
        Assert.Empty(comparison.Crossings);
    }

    [Fact]
    public void Paired_bootstrap_cancels_noise_the_two_ladders_share_and_unpaired_rungs_cannot()
    {
        var a = CompareLadders.Law("a", 1.00, 30, 0.3, SharedNoise);
        var paired = CompareLadders.Law("b", 1.05, 30, 0.3, SharedNoise);
        // The same losses under another seed: nothing pairs, so each ladder's noise moves its own refits.
        var unpaired = CompareLadders.Law("b", 1.05, 30, 0.3, SharedNoise, seed: 1);
        var options = new CompareOptions(Bootstrap: 300, Seed: 2);

        var withPairs = DesignComparer.Compare(a, paired, [1e7], options);
        var withoutPairs = DesignComparer.Compare(a, unpaired, [1e7], options);

        Assert.Equal(0, withoutPairs.PairedRungs);
        Assert.Equal(10, withoutPairs.UnpairedRungs);
        Assert.Equal(1.0, withPairs.Targets[0].ProbabilityABeatsB);
        Assert.InRange(withoutPairs.Targets[0].ProbabilityABeatsB, 0.5, 0.99);
        // Each design's own interval does not depend on the pairing, only the probability does.
        Assert.Equal(withPairs.Targets[0].A.Predicted, withoutPairs.Targets[0].A.Predicted);
    }

    [Fact]
    public void Curves_that_cross_inside_the_ladder_flip_the_winner_and_report_where()
    {
        // 1.2 + 60/√N = 1.0 + 120/√N at √N = 300, inside the rungs (N = 24 576 … 393 216).
        var a = CompareLadders.Law("a", 1.2, 60, 0.5);
        var b = CompareLadders.Law("b", 1.0, 120, 0.5);
        double crossing = Math.Pow((120 - 60) / 0.2, 2);

        var comparison = DesignComparer.Compare(a, b, [3e4, 1e7], new CompareOptions(Bootstrap: 100, Seed: 1));

        var point = Assert.Single(comparison.Crossings);
        Assert.Equal(crossing, point.Params, crossing * 1e-6);
        Assert.Equal(CrossingLocation.WithinLadders, point.Location);
        Assert.Equal("B", point.BetterAbove);
        Assert.True(comparison.Targets[0].A.Predicted < comparison.Targets[0].B.Predicted);
        Assert.True(comparison.Targets[1].A.Predicted > comparison.Targets[1].B.Predicted);
        Assert.Equal(0.0, comparison.Targets[1].ProbabilityABeatsB);
    }

    [Fact]
    public void Without_a_bootstrap_there_are_predictions_but_no_intervals_or_probability()
    {
        var comparison = DesignComparer.Compare(CompareLadders.Law("a", 1, 30, 0.3), CompareLadders.Law("b", 1.1, 30, 0.3), [1e6], new CompareOptions(Bootstrap: 0));
        Assert.True(double.IsNaN(comparison.Targets[0].ProbabilityABeatsB));
        Assert.True(double.IsNaN(comparison.Targets[0].A.Lower));
        Assert.Equal(1 + 30 * Math.Pow(1e6, -0.3), comparison.Targets[0].A.Predicted, 6);
    }

    [Fact]
    public void A_ladder_with_fewer_widths_than_the_law_has_parameters_is_a_user_error()
    {
        var twoWidths = CompareLadders.Law("a", 1, 30, 0.3, widths: [32, 64]);
        var error = Assert.Throws<UserError>(() => DesignComparer.Compare(twoWidths, CompareLadders.Law("b", 1, 30, 0.3), [1e6]));
        Assert.Contains("needs at least 3", error.Message);
    }

    [Fact]
    public void A_staircase_ladder_is_named_in_the_warnings()
    {
        // Width 64 worse than width 48, as a ladder still leaving its plateau can be.
        var staircase = CompareLadders.Law("stairs", 1.0, 30, 0.3, [0, 0, 0.2, 0, 0]);
        var comparison = DesignComparer.Compare(staircase, CompareLadders.Law("smooth", 1.0, 30, 0.3), [1e6], new CompareOptions(Bootstrap: 0));
        Assert.Contains(comparison.Warnings, w => w.StartsWith("stairs's ladder is not a power law: width 64", StringComparison.Ordinal));
        Assert.DoesNotContain(comparison.Warnings, w => w.Contains("smooth"));
    }

    [Fact]
    public void A_degenerate_fit_gives_no_prediction_no_probability_and_no_crossing()
    {
        // The design-comparison example's GPT rungs at 800 steps: a staircase, whose power law puts alpha at its bound of 10.
        var staircase = CompareLadders.Law("gpt", 0, 0, 0.3, [1.2969, 1.2693, 1.2841, 1.2632], widths: [32, 48, 64, 96]);
        var comparison = DesignComparer.Compare(staircase, CompareLadders.Law("llama", 1.0, 30, 0.3), [1e6], new CompareOptions(Bootstrap: 100, Seed: 1));

        Assert.StartsWith("gpt's fit is degenerate: alpha ran into its bound (10)", comparison.A.Degenerate);
        Assert.Null(comparison.B.Degenerate);
        var target = Assert.Single(comparison.Targets);
        Assert.True(double.IsNaN(target.A.Predicted) && double.IsNaN(target.A.Lower));
        Assert.True(double.IsNaN(target.ProbabilityABeatsB));
        Assert.True(double.IsFinite(target.B.Predicted) && double.IsFinite(target.B.Lower));
        Assert.Empty(comparison.Crossings);
        Assert.Contains(comparison.A.Degenerate, comparison.Warnings);
        Assert.DoesNotContain(comparison.Warnings, w => w.Contains("put alpha at its bound"));
        Assert.StartsWith("No crossing and no ranking beyond the ladders: A's fit is degenerate", CompareText.Crossings(comparison, "nats/byte"));
        Assert.Equal("degenerate fit", CompareSection.Predicted(target.A));
    }

    [Fact]
    public void A_design_with_a_loss_floor_fits_E_above_it_and_is_not_warned_for_resting_on_it()
    {
        // Losses with E = 0.5 and a floor of 0.9 above it: the floor, not the rungs, sets A's E.
        var free = CompareLadders.Law("a", 0.5, 30, 0.3, [0.02, 0, -0.01, -0.01, 0]);
        var floored = free with { LossFloor = 0.9 };

        var withoutFloor = DesignComparer.Compare(free, free, [1e7], new CompareOptions(Bootstrap: 0));
        var withFloor = DesignComparer.Compare(floored, free, [1e7], new CompareOptions(Bootstrap: 0));

        Assert.Equal(0.9, withFloor.A.Fit.Parameter("E"), 6);
        Assert.True(withFloor.A.OnFloor);
        Assert.False(withFloor.B.OnFloor);
        Assert.True(withFloor.Targets[0].A.Predicted > withoutFloor.Targets[0].A.Predicted);
        Assert.DoesNotContain(withFloor.Warnings, w => w.StartsWith("a's fit put E at its bound"));
    }

    [Fact]
    public void Warnings_name_differences_besides_the_design()
    {
        var a = CompareLadders.Law("a", 1, 30, 0.3);
        var b = CompareLadders.Law("b", 1, 30, 0.3) with { TokensPerRung = 2_000_000 };
        b = b with { Spec = b.Spec with { Data = b.Spec.Data with { Seed = 9 } } };

        var warnings = ComparisonWarnings.For(a, b);

        Assert.Contains(warnings, w => w.Contains("different data"));
        Assert.Contains(warnings, w => w.Contains("1,000,000 tokens") && w.Contains("2,000,000"));
        Assert.Empty(ComparisonWarnings.For(a, CompareLadders.Law("b", 2, 10, 0.1)));
    }
}

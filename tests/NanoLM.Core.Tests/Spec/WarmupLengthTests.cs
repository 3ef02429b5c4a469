using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class WarmupLengthTests
{
    static readonly SpecLoadOptions PlentyOfMemory = new() { MemoryBudgetBytes = 64L << 30 };

    static ExperimentSpec Load(string yaml) => SpecLoader.Parse(yaml, "nanolm.yaml", PlentyOfMemory).SpecOrThrow();

    [Theory]
    [InlineData("300", 1200, 300)]
    [InlineData("0", 1200, 0)]
    [InlineData("25%", 1200, 300)]
    [InlineData("25 %", 300, 75)]
    [InlineData("12.5%", 100, 13)]
    [InlineData("0%", 50, 0)]
    public void A_step_count_is_kept_and_a_share_scales_with_the_run(string text, int runSteps, int expected)
    {
        Assert.True(WarmupLength.TryParse(text, out var warmup));
        Assert.Equal(expected, warmup.For(runSteps));
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("-5")]
    [InlineData("-1%")]
    [InlineData("1.5")]
    [InlineData("quarter")]
    [InlineData("%")]
    public void Anything_but_steps_or_a_share_below_the_whole_run_is_refused(string text) =>
        Assert.False(WarmupLength.TryParse(text, out _));

    [Fact]
    public void A_share_and_the_step_count_it_resolves_to_are_the_same_run()
    {
        var share = Load("train: { steps: 1200, warmup: 25% }\n");
        var steps = Load("train: { steps: 1200, warmup: 300 }\n");

        var a = PlanBuilder.Build(share).Trials.Select(t => t.Identity.Hash);
        var b = PlanBuilder.Build(steps).Trials.Select(t => t.Identity.Hash);

        Assert.Equal(b, a);
    }

    [Fact]
    public void A_shorter_search_warms_up_for_the_same_share_of_its_own_steps()
    {
        var spec = Load("train: { steps: 1200, warmup: 25% }\nsearch: { steps: 400 }\n");

        var plan = PlanBuilder.Build(spec);

        Assert.All(plan.Trials.Where(t => t.Stage == TrialStage.Search), t => Assert.Equal(100, t.Settings.Warmup));
        Assert.All(plan.Trials.Where(t => t.Stage != TrialStage.Search), t => Assert.Equal(300, t.Settings.Warmup));
    }

    [Fact]
    public void A_share_that_leaves_no_training_names_the_steps_it_comes_to()
    {
        var diagnostic = SpecLoader.Parse("train: { steps: 10, warmup: 99% }\n", "nanolm.yaml", PlentyOfMemory).Diagnostics
            .Single(d => d.Code == DiagnosticCodes.WarmupTooLong);

        Assert.Contains("99% = 10 steps", diagnostic.Message);
    }

    [Fact]
    public void A_share_round_trips_through_the_writer_as_written()
    {
        var spec = Load("train: { steps: 1200, warmup: 12.5% }\n");

        string yaml = SpecWriter.ToYaml(spec);

        Assert.Contains("  warmup: 12.5%", yaml);
        Assert.Equal(spec.Train.Warmup, Load(yaml).Train.Warmup);
    }
}

using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Plan;

public class ThroughputAssumptionTests
{
    static ExperimentPlan Plan() => PlanBuilder.Build(SpecLoader.Parse(
        "ladder: { widths: [32, 64, 128, 256] }", "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow());

    [Fact]
    public void Two_measurements_give_each_the_time_it_measured_and_interpolate_between()
    {
        var rungs = Plan().LadderTrials.ToList();
        var (small, large) = (rungs[0], rungs[^1]);
        var measuredSmall = new ThroughputAssumption(20_000, small.FlopsPerToken);
        var measuredLarge = new ThroughputAssumption(4_000, large.FlopsPerToken);

        var between = ThroughputAssumption.Between(measuredSmall, measuredLarge);

        Assert.Equal(small.Tokens / 20_000.0, between.Seconds(small), 6);
        Assert.Equal(large.Tokens / 4_000.0, between.Seconds(large), 6);
        double middle = between.Seconds(rungs[1]);
        Assert.InRange(middle, Math.Min(measuredSmall.Seconds(rungs[1]), measuredLarge.Seconds(rungs[1])),
            Math.Max(measuredSmall.Seconds(rungs[1]), measuredLarge.Seconds(rungs[1])));
    }

    [Fact]
    public void Measurements_at_one_size_are_just_one_measurement()
    {
        var rung = Plan().LadderTrials.First();
        var a = new ThroughputAssumption(10_000, rung.FlopsPerToken);

        Assert.Equal(a.Seconds(rung), ThroughputAssumption.Between(a, a with { TokensPerSecond = 10_000 }).Seconds(rung), 9);
    }
}

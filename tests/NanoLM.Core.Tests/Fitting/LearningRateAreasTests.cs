using NanoLM.Fitting.Laws;

namespace NanoLM.Tests.Fitting;

public class LearningRateAreasTests
{
    [Fact]
    public void Constant_learning_rate_has_linear_area_and_no_annealing()
    {
        var areas = LearningRateAreas.Compute([1, 10, 100], [2e-3, 2e-3, 2e-3]);

        Assert.Equal([2e-3, 2e-2, 2e-1], areas.Select(a => a.LrArea), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.All(areas, a => Assert.Equal(0, a.AnnealingArea));
    }

    [Fact]
    public void Skipped_steps_are_interpolated_linearly()
    {
        long[] every = [.. Enumerable.Range(0, 101).Select(i => (long)i)];
        double Schedule(long s) => 1e-3 * (1 - 0.5 * s / 100.0);

        var dense = LearningRateAreas.Compute(every, [.. every.Select(Schedule)]);
        var sparse = LearningRateAreas.Compute([0, 40, 100], [Schedule(0), Schedule(40), Schedule(100)]);

        Assert.Equal(dense[100].LrArea, sparse[2].LrArea, 1e-15);
        Assert.Equal(dense[100].AnnealingArea, sparse[2].AnnealingArea, 1e-15);
        Assert.Equal(dense[40].AnnealingArea, sparse[1].AnnealingArea, 1e-15);
    }

    [Fact]
    public void Annealing_momentum_follows_its_recurrence()
    {
        // η: 1, 0.5, 0.5 → m = 0, 0.5, 0.999·0.5; S2 = 0 + 0.5 + 0.4995.
        var areas = LearningRateAreas.Compute([1, 2, 3], [1, 0.5, 0.5]);

        Assert.Equal(2.0, areas[2].LrArea, 1e-15);
        Assert.Equal(0.5 + 0.999 * 0.5, areas[2].AnnealingArea, 1e-15);
    }
}

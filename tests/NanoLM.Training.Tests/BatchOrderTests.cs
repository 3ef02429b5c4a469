using NanoLM.Data;

namespace NanoLM.Tests;

public class BatchOrderTests
{
    [Fact]
    public void Offsets_depend_only_on_seed_step_and_shape()
    {
        var a = new BatchOrder(seed: 9, batchSize: 16, sequenceLength: 64, tokenCount: 100_000);
        var b = new BatchOrder(seed: 9, batchSize: 16, sequenceLength: 64, tokenCount: 100_000);
        Assert.Equal(a.Offsets(1234), b.Offsets(1234));
        Assert.NotEqual(a.Offsets(1), a.Offsets(2));
        Assert.NotEqual(a.Offsets(1), new BatchOrder(10, 16, 64, 100_000).Offsets(1));
    }

    [Fact]
    public void Every_window_fits_inside_the_source()
    {
        var order = new BatchOrder(seed: 1, batchSize: 32, sequenceLength: 16, tokenCount: 40);
        for (int step = 0; step < 200; step++)
            Assert.All(order.Offsets(step), o => Assert.InRange(o, 0, 40 - 17));
    }

    [Fact]
    public void Validation_windows_are_fixed_and_spread_over_the_source()
    {
        var offsets = BatchOrder.ValidationOffsets(windowCount: 4, sequenceLength: 10, tokenCount: 410);
        Assert.Equal(new long[] { 0, 100, 200, 300 }, offsets);
    }
}

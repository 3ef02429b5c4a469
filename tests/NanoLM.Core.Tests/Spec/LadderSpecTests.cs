using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class LadderSpecTests
{
    [Fact]
    public void Seeds_by_width_override_the_ladder_s_seeds_only_where_listed_and_are_named_where_they_differ()
    {
        var ladder = new LadderSpec { Widths = [16, 32, 64], Seeds = 1, SeedsByWidth = new Dictionary<int, int> { [64] = 2, [16] = 1 } };

        Assert.Equal([1, 1, 2], ladder.Widths.Select(ladder.SeedsAt));
        Assert.Equal(2, ladder.MostSeeds);
        Assert.Equal("1 seed per width (2 at 64)", ladder.DescribeSeeds());
        Assert.Equal("3 seeds per width", new LadderSpec { Seeds = 3 }.DescribeSeeds());
    }
}

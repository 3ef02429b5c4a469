using NanoLM.Compare;

namespace NanoLM.Tests.Compare;

public class ComparePairingTests
{
    [Fact]
    public void Rungs_with_the_same_width_and_seed_are_drawn_together_and_the_rest_within_their_ladder()
    {
        var a = CompareLadders.Law("a", 1, 30, 0.3, widths: [32, 48, 64, 96]).Rungs;
        var b = CompareLadders.Law("b", 1, 30, 0.3, widths: [48, 64, 96, 128, 192]).Rungs;
        var resampling = new PairedResampling(a, b);

        Assert.Equal(3, resampling.PairedRungs);
        Assert.Equal(1 + 2, resampling.UnpairedRungs);
        var random = new Random(4);
        for (int draw = 0; draw < 50; draw++)
        {
            var (onA, onB) = resampling.Draw(random);
            Assert.Equal(a.Count, onA.Length);
            Assert.Equal(b.Count, onB.Length);
            // The first three of each draw are the pairs, drawn with one index for both ladders.
            for (int k = 0; k < 3; k++) Assert.Equal(a[onA[k]].Width, b[onB[k]].Width);
            Assert.Equal(32, a[onA[3]].Width);
            Assert.All(onB.Skip(3), i => Assert.Contains(b[i].Width, new[] { 128, 192 }));
        }
    }
}

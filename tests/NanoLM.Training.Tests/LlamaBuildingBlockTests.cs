using NanoLM.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Tests;

public class LlamaBuildingBlockTests
{
    [Fact]
    public void Rotary_scores_depend_only_on_the_distance_between_positions()
    {
        const int headDim = 8, time = 12;
        var generator = new Generator(3);
        // The same query and key vector at every position: only the rotation differs along time.
        using var q = randn([1, 1, 1, headDim], generator: generator).expand(1, 1, time, headDim).contiguous();
        using var k = randn([1, 1, 1, headDim], generator: generator).expand(1, 1, time, headDim).contiguous();
        var (cos, sin) = RotaryEmbedding.Tables(time, headDim, CPU);
        using (cos) using (sin)
        {
            using var rq = RotaryEmbedding.Apply(q, cos, sin);
            using var rk = RotaryEmbedding.Apply(k, cos, sin);
            using var scores = rq.matmul(rk.transpose(-1, -2))[0, 0];
            for (int shift = 1; shift < 4; shift++)
                Assert.Equal(scores[2, 7].item<float>(), scores[2 + shift, 7 + shift].item<float>(), 4);
            Assert.NotEqual(scores[2, 7].item<float>(), scores[2, 8].item<float>(), 3);
            // A rotation keeps lengths, and position 0 is not rotated at all.
            Assert.True(rq.norm(-1).allclose(q.norm(-1), rtol: 1e-5, atol: 1e-6));
            Assert.True(rq[0, 0, 0].allclose(q[0, 0, 0], rtol: 0, atol: 0));
        }
    }

    [Fact]
    public void RMSNorm_gives_unit_root_mean_square_times_its_gain()
    {
        using var norm = new RmsNorm(16);
        using var x = randn([3, 5, 16], generator: new Generator(1)) * 7 + 2;
        using var y = norm.forward(x);
        using var rms = y.square().mean([-1L]).sqrt();
        Assert.True(rms.allclose(ones_like(rms), rtol: 1e-4, atol: 1e-4));
        using (no_grad()) norm.parameters().Single().fill_(2.0);
        using var doubled = norm.forward(x);
        Assert.True(doubled.allclose(y * 2, rtol: 1e-5, atol: 1e-6));
    }
}

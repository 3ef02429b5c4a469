using NanoLM.Spec;
using NanoLM.Training.CoordCheck;
using NanoLM.Training.Model;

namespace NanoLM.Tests;

public class LlamaCoordCheckTests
{
    // The GPT coord check's settings (CoordCheckTests) with Llama blocks, at `coord-check --family llama`'s LR of 3e-3: at 1e-2
    // SwiGLU's product of two updated projections shrinks with width at these small widths (μP slope −0.19 at step 2,
    // halving as the widths double), a finite-width effect of large steps; at 3e-3 μP stays within ±0.08 and SP grows ≥ 1.
    static CoordCheckSettings Small(Parametrization parametrization) => new()
    {
        Family = ModelFamily.Llama,
        Widths = [32, 64, 128, 256],
        Steps = 3,
        Parametrization = parametrization,
        LearningRate = 3e-3,
        Depth = 2,
        HeadDim = 16,
        SequenceLength = 16,
        VocabularySize = 256,
        BatchSize = 2,
        Seeds = 16,
        Threads = 1,
    };

    [Fact]
    public void MuP_Llama_activations_stay_flat_in_width()
    {
        var report = CoordChecker.Run(Small(Parametrization.Mup));
        Assert.Contains("block1.mlp", report.Modules);
        foreach (string module in report.Modules.Where(m => m != "logits"))
            Assert.True(report.MaxAbsSlope(module) < 0.1, $"{module}: |slope| {report.MaxAbsSlope(module):F3}");
        Assert.InRange(report.MaxAbsSlope("logits"), 0, 0.2);
    }

    [Fact]
    public void SP_Llama_activations_grow_with_width()
    {
        var report = CoordChecker.Run(Small(Parametrization.Sp) with { Seeds = 2 });
        Assert.Contains(report.Modules, m => report.MaxAbsSlope(m) > 0.3);
        Assert.All(report.Modules.Where(m => m.EndsWith(".mlp", StringComparison.Ordinal)), m => Assert.True(report.MaxAbsSlope(m) > 1, $"SP {m} slope {report.MaxAbsSlope(m):F3}"));
        Assert.True(report.Slope("logits", 1) > 0.5, $"SP logits slope {report.Slope("logits", 1):F3}");
    }
}

using NanoLM.CoordCheck;

namespace NanoLM.Tests.CoordCheck;

public class CoordCheckVerdictTests
{
    static readonly int[] Widths = [64, 128, 256, 512];

    static CoordCheckCurve Curve(string module, int step, double slope) => new(module, step, Widths, [.. Widths.Select(w => Math.Pow(w, slope))]);

    [Fact]
    public void A_module_is_not_flat_when_any_step_is_steeper_than_the_limit_not_only_the_last()
    {
        // attn.out grows at step 1 and settles by step 2; readout never moves; logits sits just under the limit.
        CoordCheckCurve[] curves =
        [
            Curve("attn.out", 1, 0.45), Curve("readout", 1, 0.0), Curve("logits", 1, -0.29),
            Curve("attn.out", 2, 0.05), Curve("readout", 2, 0.0), Curve("logits", 2, 0.1),
        ];

        Assert.Equal(["attn.out"], CoordCheckVerdict.NotFlat(curves));
        Assert.Equal(0.45, CoordCheckVerdict.MaxAbsSlope(curves, "attn.out"), 9);
        Assert.Equal(["attn.out", "logits"], CoordCheckVerdict.NotFlat(curves, maxSlope: 0.25));
    }

    [Fact]
    public void A_module_without_a_defined_slope_is_neither_flat_nor_failing()
    {
        CoordCheckCurve[] curves = [new("readout", 0, Widths, [0.0, 0.0, 0.0, 0.0])];

        Assert.True(double.IsNaN(CoordCheckVerdict.MaxAbsSlope(curves, "readout")));
        Assert.Empty(CoordCheckVerdict.NotFlat(curves));
    }
}

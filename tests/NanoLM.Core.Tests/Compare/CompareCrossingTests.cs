using NanoLM.Compare;

namespace NanoLM.Tests.Compare;

public class CompareCrossingTests
{
    static Func<double, double> Law(double e, double a, double alpha) => n => e + a * Math.Pow(n, -alpha);

    [Fact]
    public void Crossing_of_two_laws_with_one_exponent_is_where_the_offsets_balance()
    {
        // 1 + 10/√N = 1.2 + 5/√N  ⇔  √N = 25.
        var roots = CurveCrossing.Find(Law(1, 10, 0.5), Law(1.2, 5, 0.5));
        Assert.Equal(625, Assert.Single(roots), 1e-6);
    }

    [Fact]
    public void Curves_that_differ_only_in_E_or_not_at_all_never_cross()
    {
        Assert.Empty(CurveCrossing.Find(Law(1, 10, 0.3), Law(1.1, 10, 0.3)));
        Assert.Empty(CurveCrossing.Find(Law(1, 10, 0.3), Law(1, 10, 0.3)));
    }

    [Fact]
    public void Two_crossings_are_both_found_in_order()
    {
        // 0.01 + 1/N − 1/√N is positive near N = 1 and for large N, negative in between.
        var a = Law(1.01, 1, 1);
        var b = Law(1, 1, 0.5);
        var roots = CurveCrossing.Find(a, b);
        Assert.Equal(2, roots.Count);
        Assert.True(roots[0] < roots[1]);
        foreach (double n in roots) Assert.True(Math.Abs(a(n) - b(n)) < 1e-9, $"at {n}: {a(n) - b(n)}");
        Assert.InRange(roots[1], 9_000, 10_000);
    }
}

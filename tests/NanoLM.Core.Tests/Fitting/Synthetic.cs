using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Tests.Fitting;

/// <summary>Losses generated from known parameters, with seeded multiplicative Gaussian noise.</summary>
static class Synthetic
{
    public static List<FitSample> Samples(IScalingLaw law, double[] truth, IEnumerable<LawPoint> points, double noise, int seed)
    {
        var random = new Random(seed);
        return [.. points.Select((point, i) =>
            new FitSample(point, law.Value(truth, point, default) * (1 + noise * Gaussian(random)), $"run {i}"))];
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static IEnumerable<LawPoint> Ladder(params double[] sizes) => sizes.Select(n => LawPoint.Ladder(n, 20 * n));

    /// <summary>A grid of model sizes × token budgets, as in an IsoFLOP study.</summary>
    public static IEnumerable<LawPoint> Grid() =>
        from n in new[] { 1e7, 3e7, 1e8, 3e8, 1e9 }
        from tokensPerParam in new[] { 2.0, 5, 10, 20, 50, 100 }
        select LawPoint.Ladder(n, tokensPerParam * n);

    /// <summary>A training curve of <paramref name="steps"/> steps under the given schedule, every 25th step.</summary>
    public static IEnumerable<LawPoint> Curve(Func<long, double> schedule, long steps)
    {
        var recorded = Enumerable.Range(0, (int)steps).Select(i => (long)i + 1).ToArray();
        var areas = LearningRateAreas.Compute(recorded, [.. recorded.Select(schedule)]);
        return recorded.Select((s, i) => (s, i)).Where(x => x.s % 25 == 0)
            .Select(x => LawPoint.OnCurve(x.s, areas[x.i].LrArea, areas[x.i].AnnealingArea));
    }
}

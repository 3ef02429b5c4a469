using System.Globalization;
using NanoLM.Randomness;
using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>The hyperparameter points a spec's search tries, in a fixed order.</summary>
public static class SearchSpace
{
    public static IReadOnlyList<Hyperparameters> Points(ExperimentSpec spec) => Points(spec, forRungs: false);

    /// <summary>The points of a rung's own search (search.rungs): the proxy's, with search.rung_lr as the grid's LRs when given.</summary>
    public static IReadOnlyList<Hyperparameters> RungPoints(ExperimentSpec spec) => Points(spec, forRungs: true);

    static IReadOnlyList<Hyperparameters> Points(ExperimentSpec spec, bool forRungs)
    {
        var fallback = Hyperparameters.FromSpec(spec);
        if (!spec.Search.Enabled) return [];
        if (spec.Search.Random is { } random) return RandomPoints(random, fallback);
        var grid = spec.Search.Grid ?? new SearchGrid();
        IReadOnlyList<double> lrs = forRungs && spec.Search.RungLr.Count > 0 ? spec.Search.RungLr : grid.Lr.Count > 0 ? grid.Lr : [fallback.Lr];
        IReadOnlyList<double> stds = grid.InitStd.Count > 0 ? grid.InitStd : [fallback.InitStd];
        IReadOnlyList<double> mults = grid.OutputMult.Count > 0 ? grid.OutputMult : [fallback.OutputMult];
        return [.. (from lr in lrs from std in stds from mult in mults select new Hyperparameters(lr, std, mult)).Distinct()];
    }

    static List<Hyperparameters> RandomPoints(RandomSearch random, Hyperparameters fallback)
    {
        var generator = new SplitMix64((ulong)random.Seed);
        var points = new List<Hyperparameters>();
        for (int i = 0; i < random.Budget; i++)
        {
            // Draw all three every time, so adding a range later does not reshuffle the others.
            double lr = LogUniform(generator, random.Lr);
            double std = random.InitStd is { } s ? LogUniform(generator, s) : Skip(generator, fallback.InitStd);
            double mult = random.OutputMult is { } o ? LogUniform(generator, o) : Skip(generator, fallback.OutputMult);
            points.Add(new Hyperparameters(lr, std, mult));
        }
        return points;
    }

    static double Skip(SplitMix64 generator, double value)
    {
        generator.NextDouble();
        return value;
    }

    // Three significant digits keep the values readable in tables and make the identities independent of float noise.
    static double LogUniform(SplitMix64 generator, ValueRange range)
    {
        double value = Math.Exp(Math.Log(range.Min) + generator.NextDouble() * (Math.Log(range.Max) - Math.Log(range.Min)));
        return double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}

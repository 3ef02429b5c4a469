using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;
using NanoLM.Spec;

namespace NanoLM.Compare;

/// <summary>
/// Compares two designs by their ladders: fits one law to each (N = non-embedding parameters, as `predict`: the power law
/// L = E + A·N^(−α) at the fit step, or a whole-curve law over the checkpoints), predicts both at the target sizes, and
/// refits both on paired bootstrap draws of whole runs to say how often A's prediction is the lower one.
/// </summary>
public static class DesignComparer
{
    const int BandPoints = 40;

    public static DesignComparison Compare(ComparedLadder a, ComparedLadder b, IReadOnlyList<double> targets, CompareOptions? options = null)
    {
        options ??= new CompareOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Bootstrap);
        if (a.Law != b.Law)
            throw new UserError($"{a.SpecPath} fits the {ScalingLaws.Name(a.Law)} law and {b.SpecPath} the {ScalingLaws.Name(b.Law)} law; " +
                                "two designs are compared under one law: set the same predict.law in both, or pass --law");
        var law = ScalingLaws.Create(a.Law);
        var fitter = Fitters.For(law);
        var fitA = new DesignFit(a, Fit(fitter, FlooredLaw.Apply(law, a.LossFloor), a));
        var fitB = new DesignFit(b, Fit(fitter, FlooredLaw.Apply(law, b.LossFloor), b));
        var sizes = targets.Distinct().Order().ToList();
        // The band's sizes ride along in the same draws as the targets: span the rungs and the targets, a little beyond.
        var everything = a.Rungs.Concat(b.Rungs).Select(r => (double)r.Params).Concat(sizes).ToList();
        double bandFrom = everything.Min() / 1.3, bandTo = everything.Max() * 1.3;
        var band = Enumerable.Range(0, BandPoints).Select(i => bandFrom * Math.Pow(bandTo / bandFrom, i / (BandPoints - 1.0))).ToList();

        var resampling = new PairedResampling(a.Rungs, b.Rungs);
        var predictions = PairedRefits(fitter, fitA, fitB, resampling, [.. sizes, .. band], options);
        var kept = predictions.Where(p => p is not null).Select(p => p!).ToList();
        double tail = (1 - options.Level) / 2;
        bool degenerateA = fitA.Degenerate is not null, degenerateB = fitB.Degenerate is not null;
        // A degenerate design keeps its draws out of every prediction and band: its law predicts nothing.
        DesignPrediction Predicted(DesignFit fit, bool degenerate, double size, double[] draws) =>
            degenerate ? DesignPrediction.None : new DesignPrediction(fit.Predict(size), Percentiles.Of(draws, tail), Percentiles.Of(draws, 1 - tail));
        var compared = sizes.Select((size, t) =>
        {
            var onA = kept.Select(p => p.A[t]).Order().ToArray();
            var onB = kept.Select(p => p.B[t]).Order().ToArray();
            double wins = kept.Sum(p => p.A[t] < p.B[t] ? 1.0 : p.A[t] == p.B[t] ? 0.5 : 0.0);
            return new ComparedTarget(size,
                Predicted(fitA, degenerateA, size, onA),
                Predicted(fitB, degenerateB, size, onB),
                kept.Count == 0 || degenerateA || degenerateB ? double.NaN : wins / kept.Count);
        }).ToList();

        var bandPoints = kept.Count == 0 ? [] : band.Select((size, i) =>
        {
            var onA = kept.Select(p => p.A[sizes.Count + i]).Order().ToArray();
            var onB = kept.Select(p => p.B[sizes.Count + i]).Order().ToArray();
            var (bandA, bandB) = (Predicted(fitA, degenerateA, size, onA), Predicted(fitB, degenerateB, size, onB));
            return new ComparisonBandPoint(size, bandA.Lower, bandA.Upper, bandB.Lower, bandB.Upper);
        }).ToList();

        var comparison = new DesignComparison(fitA, fitB, compared, [], bandPoints, options.Bootstrap, options.Bootstrap - kept.Count, options.Level,
            resampling.PairedRungs, resampling.UnpairedRungs, [.. ComparisonWarnings.For(a, b), .. ComparisonWarnings.For(fitA), .. ComparisonWarnings.For(fitB)]);
        return comparison with { Crossings = Crossings(comparison) };
    }

    static FitResult Fit(IFitter fitter, IScalingLaw law, ComparedLadder ladder)
    {
        // A whole-curve law sees many checkpoints per width, but its size term still needs three widths.
        int needed = ScalingLaws.FitsWholeCurves(law.Kind) ? 3 : law.ParameterNames.Count;
        if (ladder.Rungs.Select(r => r.Params).Distinct().Count() < needed)
            throw new UserError($"{ladder.SpecPath}: the ladder has {ladder.Rungs.Select(r => r.Width).Distinct().Count()} width(s); the {law.Name} law needs at least {needed}");
        return fitter.Fit(law, [.. ladder.Rungs.SelectMany(r => r.Samples)]);
    }

    sealed record PairedPrediction(double[] A, double[] B);

    // Each draw refits both ladders from their full fits' optimum; a draw either ladder cannot fit is dropped for both.
    static PairedPrediction?[] PairedRefits(IFitter fitter, DesignFit a, DesignFit b, PairedResampling resampling,
        IReadOnlyList<double> sizes, CompareOptions options)
    {
        var random = new Random(options.Seed);
        var draws = Enumerable.Range(0, options.Bootstrap).Select(_ => resampling.Draw(random)).ToArray();
        var samplesA = a.Ladder.Rungs.Select(r => r.Samples).ToArray();
        var samplesB = b.Ladder.Rungs.Select(r => r.Samples).ToArray();
        var results = new PairedPrediction?[draws.Length];
        Parallel.For(0, draws.Length, d =>
        {
            var refitA = Refit(fitter, a.Fit, [.. draws[d].A.SelectMany(i => samplesA[i])]);
            var refitB = Refit(fitter, b.Fit, [.. draws[d].B.SelectMany(i => samplesB[i])]);
            if (refitA is null || refitB is null) return;
            results[d] = new PairedPrediction(
                [.. sizes.Select(n => refitA.Predict(a.Ladder.At(n)))],
                [.. sizes.Select(n => refitB.Predict(b.Ladder.At(n)))]);
        });
        return results;
    }

    static FitResult? Refit(IFitter fitter, FitResult full, IReadOnlyList<FitSample> resample)
    {
        try
        {
            var refit = fitter.Fit(full.Law, resample, [full.Parameters]);
            return refit.Parameters.All(double.IsFinite) ? refit : null;
        }
        catch (UserError)
        {
            return null;
        }
    }

    static IReadOnlyList<CrossingPoint> Crossings(DesignComparison comparison)
    {
        if (comparison.A.Degenerate is not null || comparison.B.Degenerate is not null) return [];
        var (smallest, largest) = comparison.TrainedRange;
        var roots = CurveCrossing.Find(comparison.A.Predict, comparison.B.Predict);
        return [.. roots.Select((n, i) =>
        {
            var location = n < smallest ? CrossingLocation.BelowLadders : n > largest ? CrossingLocation.BeyondLadders : CrossingLocation.WithinLadders;
            // Probe halfway (in log N) to the next crossing, or a decade up after the last: the sign there holds up to the next root.
            double probe = Math.Sqrt(n * (i + 1 < roots.Count ? roots[i + 1] : n * 100));
            string betterAbove = comparison.A.Predict(probe) < comparison.B.Predict(probe) ? "A" : "B";
            return new CrossingPoint(n, comparison.A.Predict(n), location, betterAbove);
        })];
    }
}

using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class BootstrapTests
{
    static readonly PowerLaw Law = new(ScalingAxis.Params);
    static readonly double[] Truth = [1.9, 35, 0.3];
    static readonly double[] Sizes = [.. Enumerable.Range(0, 16).Select(i => 1e6 * Math.Pow(2, i / 2.0))];

    [Fact]
    public void Ninety_percent_intervals_cover_the_truth_about_ninety_percent_of_the_time()
    {
        var target = new PredictionTarget(LawPoint.Ladder(1e9, 2e10));
        double trueTargetLoss = Law.Value(Truth, target.Point, default);
        var fitter = new LevenbergMarquardtFitter();
        int repetitions = 100, alphaCovered = 0, predictionCovered = 0;
        for (int r = 0; r < repetitions; r++)
        {
            var samples = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 1000 + r);
            var fit = fitter.Fit(Law, samples, [Truth]);
            var bootstrap = Bootstrap.Run(fitter, fit, samples, resamples: 100, seed: r, [target], level: 0.9);
            if (bootstrap.Lower[2] <= Truth[2] && Truth[2] <= bootstrap.Upper[2]) alphaCovered++;
            var prediction = bootstrap.Predictions[0];
            if (prediction.Lower <= trueTargetLoss && trueTargetLoss <= prediction.Upper) predictionCovered++;
        }

        Assert.InRange(alphaCovered, 75, 98);
        Assert.InRange(predictionCovered, 75, 98);
    }

    [Fact]
    public void Bootstrap_resamples_whole_runs_so_a_single_run_has_no_spread()
    {
        // Every resample of one run is that run entire, so every refit equals the fit.
        var samples = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 5).Select(s => s with { Run = "one" }).ToList();
        var fitter = new LevenbergMarquardtFitter();
        var fit = fitter.Fit(Law, samples);

        var result = Bootstrap.Run(fitter, fit, samples, resamples: 20, seed: 7);

        Assert.Equal(0, result.Failed);
        for (int j = 0; j < 3; j++)
            Assert.Equal(result.Lower[j], result.Upper[j], 1e-9 * Math.Abs(fit.Parameters[j]));
    }

    [Fact]
    public void Bootstrap_of_separate_runs_spreads_around_the_fit()
    {
        var samples = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 6);
        var fitter = new LevenbergMarquardtFitter();
        var fit = fitter.Fit(Law, samples);

        var result = Bootstrap.Run(fitter, fit, samples, resamples: 100, seed: 7);

        Assert.All(Enumerable.Range(0, 3), j => Assert.True(result.Lower[j] < fit.Parameters[j] && fit.Parameters[j] < result.Upper[j]));
    }

    [Fact]
    public void Within_sizes_a_ladder_of_one_run_per_size_keeps_its_design_so_it_has_no_spread()
    {
        var samples = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 10);
        var target = new PredictionTarget(LawPoint.Ladder(1e9, 2e10));
        var fitter = new RecordingFitter();
        var fit = fitter.Fit(Law, samples);

        var within = Bootstrap.Run(fitter, fit, samples, resamples: 50, seed: 11, [target], withinSizes: true);
        var across = Bootstrap.Run(fitter, fit, samples, resamples: 50, seed: 11, [target]);

        var kept = within.Predictions[0];
        Assert.Equal(kept.Predicted, kept.Lower, 1e-9 * kept.Predicted);
        Assert.Equal(kept.Predicted, kept.Upper, 1e-9 * kept.Predicted);
        // Drawn across sizes, resamples drop sizes and repeat others: the design itself is redrawn.
        Assert.True(across.Predictions[0].Upper > across.Predictions[0].Lower);
        Assert.Contains(fitter.SizesSeen, sizes => sizes < Sizes.Length);
    }

    [Fact]
    public void Within_sizes_each_sizes_runs_are_drawn_from_that_size_alone()
    {
        // Two runs (seeds) per size: resamples keep every size, once per run, and vary which seed stands for it.
        var first = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 12);
        var second = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 13).Select(s => s with { Run = s.Run + " seed 2" });
        var samples = first.Concat(second).ToList();
        var fitter = new RecordingFitter();
        var fit = fitter.Fit(Law, samples);
        fitter.SizesSeen.Clear();

        var result = Bootstrap.Run(fitter, fit, samples, resamples: 50, seed: 14, withinSizes: true);

        Assert.Equal(50, fitter.SizesSeen.Count);
        Assert.All(fitter.SizesSeen, sizes => Assert.Equal(Sizes.Length, sizes));
        Assert.All(fitter.Counts, count => Assert.Equal(samples.Count, count));
        Assert.True(result.Upper[2] > result.Lower[2]);
    }

    /// <summary>The Levenberg–Marquardt fitter, noting how many distinct sizes and samples each fit was given.</summary>
    sealed class RecordingFitter : IFitter
    {
        readonly LevenbergMarquardtFitter inner = new();
        public System.Collections.Concurrent.ConcurrentBag<int> SizesSeen { get; } = [];
        public System.Collections.Concurrent.ConcurrentBag<int> Counts { get; } = [];
        public string Name => inner.Name;

        public FitResult Fit(IScalingLaw law, IReadOnlyList<FitSample> samples, IReadOnlyList<double[]>? naturalStarts = null)
        {
            SizesSeen.Add(samples.Select(s => s.Point.Params).Distinct().Count());
            Counts.Add(samples.Count);
            return inner.Fit(law, samples, naturalStarts);
        }
    }

    [Fact]
    public void Bootstrap_with_the_same_seed_gives_the_same_intervals()
    {
        var samples = Synthetic.Samples(Law, Truth, Synthetic.Ladder(Sizes), noise: 3e-3, seed: 8);
        var fitter = new LevenbergMarquardtFitter();
        var fit = fitter.Fit(Law, samples);

        var first = Bootstrap.Run(fitter, fit, samples, resamples: 100, seed: 9);
        var second = Bootstrap.Run(fitter, fit, samples, resamples: 100, seed: 9);

        Assert.Equal(first.Lower, second.Lower);
        Assert.Equal(first.Upper, second.Upper);
    }
}

using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;
using NanoLM.Spec;

namespace NanoLM.Tests.Fitting;

public class WholeCurveFitTests
{
    static readonly double[] Widths = [2.5e4, 5.5e4, 1e5, 2.2e5, 4e5];
    const double TokensPerStep = 1024;
    // E, A, B, alpha, beta of L = E + A/N^α + B/D^β.
    static readonly double[] Truth = [1.0, 30, 40, 0.35, 0.35];

    // Every ladder run's checkpoints every 100 steps to 1 200, seeds as separate runs, each moved by its own seed offset.
    static List<LadderCurve> Curves(double noise, double seedNoise, int seed, int seeds = 2)
    {
        var law = new ChinchillaLaw();
        var random = new Random(seed);
        var curves = new List<LadderCurve>();
        foreach (double n in Widths)
            for (int k = 0; k < seeds; k++)
            {
                double offset = 1 + seedNoise * Synthetic.Gaussian(random);
                var checkpoints = Enumerable.Range(1, 12).Select(i => (long)i * 100).Select(step =>
                {
                    double tokens = step * TokensPerStep;
                    double loss = law.Value(Truth, LawPoint.Ladder(n, tokens), default) * offset * (1 + noise * Synthetic.Gaussian(random));
                    return new CurveCheckpoint(step, tokens, loss);
                }).ToList();
                curves.Add(new LadderCurve($"N {n} seed {k}", n, checkpoints));
            }
        return curves;
    }

    static readonly CurveTarget Target = new(4e6, 1200, 1200 * TokensPerStep, Name: "10× the widest");
    static double TrueTargetLoss => new ChinchillaLaw().Value(Truth, LawPoint.Ladder(Target.Params, Target.Tokens), default);

    [Fact]
    public void Whole_curve_fit_recovers_known_parameters_from_noisy_curves()
    {
        // Tokens span 12× (steps 100 to 1 200): enough for β, which a narrow span leaves traded against B and E.
        var outcome = WholeCurveFit.Run(Curves(noise: 0.002, seedNoise: 0, seed: 1), [Target], ScalingLaw.Chinchilla, burnIn: 100, new FitOptions(Backtest: false));

        var fit = outcome.Fit;
        Assert.Equal(120, fit.Points);
        Assert.InRange(fit.Parameter("E"), 0.9, 1.1);
        Assert.InRange(fit.Parameter("alpha"), 0.30, 0.40);
        Assert.InRange(fit.Parameter("beta"), 0.30, 0.40);
        Assert.InRange(Math.Abs(outcome.Predictions[0].Predicted / TrueTargetLoss - 1), 0, 0.005);
    }

    [Fact]
    public void Burn_in_keeps_only_checkpoints_at_or_after_it()
    {
        var samples = WholeCurveFit.Samples(new ChinchillaLaw(), Curves(0.002, 0, seed: 2), burnIn: 800);

        Assert.Equal(10 * 5, samples.Count);
        Assert.All(samples, s => Assert.InRange(s.Point.Step, 800, 1200));
        Assert.Equal(10, samples.Select(s => s.Run).Distinct().Count());
    }

    [Fact]
    public void Annealing_law_recovers_the_parameter_term_from_cosine_curves()
    {
        // L = E + A/N^α + B·S1^(−β) − C·S2 under a warmup-then-cosine schedule, every step's LR recorded.
        double[] truth = [1.0, 30, 1.5, 0.35, 0.4, 0.05];
        var law = new AnnealingLaw();
        var schedule = Enumerable.Range(1, 1200).Select(s => ((long)s, s <= 100 ? 0.02 * s / 100 : 0.002 + 0.018 * 0.5 * (1 + Math.Cos(Math.PI * (s - 100) / 1100.0)))).ToList();
        var areas = LearningRateAreas.Compute([.. schedule.Select(p => p.Item1)], [.. schedule.Select(p => p.Item2)]);
        var random = new Random(3);
        LawPoint At(double n, long step) => new(n, step * TokensPerStep, 6 * n * step * TokensPerStep, step, areas[step - 1].LrArea, areas[step - 1].AnnealingArea);
        var curves = Widths.SelectMany(n => Enumerable.Range(0, 2).Select(k => new LadderCurve($"N {n} seed {k}", n,
            [.. Enumerable.Range(1, 12).Select(i => (long)i * 100).Select(step => new CurveCheckpoint(step, step * TokensPerStep,
                law.Value(truth, At(n, step), default) * (1 + 0.002 * Synthetic.Gaussian(random))))], schedule))).ToList();

        var outcome = WholeCurveFit.Run(curves, [Target], ScalingLaw.Annealing, burnIn: 300, new FitOptions(Backtest: false));

        Assert.InRange(outcome.Fit.Parameter("alpha"), 0.30, 0.40);
        double truthAtTarget = law.Value(truth, At(Target.Params, 1200), default);
        Assert.InRange(Math.Abs(outcome.Predictions[0].Predicted / truthAtTarget - 1), 0, 0.005);
    }

    [Fact]
    public void Annealing_law_without_learning_rates_names_the_run()
    {
        var error = Assert.Throws<UserError>(() => WholeCurveFit.Run(Curves(0.002, 0, seed: 4), [Target], ScalingLaw.Annealing, burnIn: 300));

        Assert.Contains("learning rate", error.Message);
        Assert.Contains("seed 0", error.Message);
    }

    [Fact]
    public void Backtest_holds_out_every_run_of_the_widest_rung_and_scores_its_last_checkpoint()
    {
        var outcome = WholeCurveFit.Run(Curves(0.002, 0.003, seed: 5), [Target], ScalingLaw.Chinchilla, burnIn: 700);

        var backtest = outcome.Backtest!;
        Assert.Equal(2, backtest.HeldOut.Count);
        Assert.All(backtest.HeldOut, p => Assert.Equal(4e5, p.Target.Point.Params));
        Assert.All(backtest.HeldOut, p => Assert.Equal(1200, p.Target.Step));
        Assert.Equal(8 * 6, backtest.FittedPoints);
        Assert.InRange(backtest.MaxAbsoluteRelativeError, 0, 0.01);
    }

    [Fact]
    public void Ninety_percent_run_bootstrap_intervals_cover_the_truth_about_ninety_percent_of_the_time_with_seed_noise()
    {
        // Each run carries its own 0.5 % seed offset, more than its per-checkpoint noise: only resampling whole runs sees it.
        var law = new ChinchillaLaw();
        var fitter = new HuberLbfgsFitter();
        var target = new PredictionTarget(LawPoint.Ladder(Target.Params, Target.Tokens));
        int repetitions = 40, covered = 0;
        for (int r = 0; r < repetitions; r++)
        {
            var samples = WholeCurveFit.Samples(law, Curves(noise: 0.001, seedNoise: 0.005, seed: 100 + r, seeds: 3), burnIn: 600);
            var fit = fitter.Fit(law, samples, [Truth]);
            var bootstrap = Bootstrap.Run(fitter, fit, samples, resamples: 40, seed: r, [target], level: 0.9);
            var p = bootstrap.Predictions[0];
            if (p.Lower <= TrueTargetLoss && TrueTargetLoss <= p.Upper) covered++;
        }

        Assert.InRange(covered, 30, 39);
    }
}

using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class SyntheticRecoveryTests
{
    [Theory]
    [InlineData(FitterNames.LevenbergMarquardt)]
    [InlineData(FitterNames.HuberLbfgs)]
    public void Power_law_fit_recovers_known_parameters(string fitter)
    {
        var law = new PowerLaw(ScalingAxis.Params);
        double[] truth = [1.9, 35, 0.3];
        var samples = Synthetic.Samples(law, truth, Synthetic.Ladder(1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7, 6.4e7, 1.28e8), noise: 2e-4, seed: 1);

        var fit = Fitters.Create(fitter).Fit(law, samples);

        Assert.Equal(1.9, fit.Parameter("E"), 0.02);
        Assert.Equal(0.3, fit.Parameter("alpha"), 0.01);
    }

    [Fact]
    public void Power_law_over_tokens_uses_the_token_axis()
    {
        var law = new PowerLaw(ScalingAxis.Tokens);
        double[] truth = [2.2, 400, 0.28];
        var samples = Synthetic.Samples(law, truth, Synthetic.Ladder(1e6, 3e6, 1e7, 3e7, 1e8, 3e8), noise: 0, seed: 2);

        var fit = new LevenbergMarquardtFitter().Fit(law, samples);

        Assert.Equal(truth, fit.Parameters, (a, b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a)));
    }

    [Fact]
    public void Chinchilla_fit_recovers_known_parameters()
    {
        var law = new ChinchillaLaw();
        double[] truth = [1.8, 480, 2100, 0.35, 0.37];
        var samples = Synthetic.Samples(law, truth, Synthetic.Grid(), noise: 1e-4, seed: 3);

        var fit = new HuberLbfgsFitter().Fit(law, samples);

        Assert.Equal(1.8, fit.Parameter("E"), 0.02);
        Assert.Equal(0.35, fit.Parameter("alpha"), 0.01);
        Assert.Equal(0.37, fit.Parameter("beta"), 0.01);
    }

    [Fact]
    public void Annealing_fit_recovers_known_parameters_from_two_schedules()
    {
        var law = new CurveAnnealingLaw();
        double[] truth = [2.5, 1.2, 0.5, 0.4];
        const long steps = 2000;
        double Constant(long s) => 1e-3 * Math.Min(1, s / 100.0);
        double Cosine(long s) => 1e-3 * Math.Min(1, s / 100.0) * (0.55 + 0.45 * Math.Cos(Math.PI * s / steps));
        var points = Synthetic.Curve(Constant, steps).Concat(Synthetic.Curve(Cosine, steps));
        var samples = Synthetic.Samples(law, truth, points, noise: 2e-4, seed: 4);

        var fit = new HuberLbfgsFitter().Fit(law, samples);

        Assert.Equal(2.5, fit.Parameter("L0"), 0.05);
        Assert.Equal(0.5, fit.Parameter("alpha"), 0.05);
        Assert.Equal(0.4, fit.Parameter("C"), 0.05);
    }
}

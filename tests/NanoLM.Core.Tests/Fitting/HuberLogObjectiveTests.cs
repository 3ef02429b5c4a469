using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class HuberLogObjectiveTests
{
    [Fact]
    public void Objective_is_the_summed_Huber_of_log_residuals_with_a_matching_gradient()
    {
        var law = new ChinchillaLaw();
        var samples = Synthetic.Samples(law, [1.8, 480, 2100, 0.35, 0.37], Synthetic.Grid(), noise: 5e-3, seed: 12);
        var objective = new HuberLogObjective(law, samples);
        double[] q = [0.6, 6.1, 7.7, 0.34, 0.36];
        var theta = new double[5];
        law.ToNatural(q, theta);
        var gradient = new double[5];

        double value = objective.Evaluate(q, gradient);

        double expected = samples.Sum(s => Huber.Loss(Math.Log(law.Value(theta, s.Point, default)) - Math.Log(s.Loss), 1e-3, out _));
        Assert.Equal(expected, value, 1e-12);
        for (int j = 0; j < 5; j++)
        {
            var up = (double[])q.Clone();
            var down = (double[])q.Clone();
            up[j] += 1e-7;
            down[j] -= 1e-7;
            double numeric = (objective.Evaluate(up, new double[5]) - objective.Evaluate(down, new double[5])) / 2e-7;
            Assert.Equal(numeric, gradient[j], 1e-6);
        }
    }

    [Fact]
    public void Objective_is_undefined_outside_the_laws_bounds_so_no_fit_can_leave_them()
    {
        var law = new ChinchillaLaw();
        var samples = Synthetic.Samples(law, [1.8, 480, 2100, 0.35, 0.37], Synthetic.Grid(), noise: 5e-3, seed: 12);
        var objective = new HuberLogObjective(law, samples);

        Assert.True(double.IsFinite(objective.Evaluate([0.6, 6.1, 7.7, 0.0, 0.36], new double[5])));
        Assert.True(double.IsNaN(objective.Evaluate([0.6, 6.1, 7.7, -0.01, 0.36], new double[5])));
        Assert.True(double.IsNaN(objective.Evaluate([0.6, 6.1, 7.7, 0.34, 10.5], new double[5])));
    }

    [Fact]
    public void A_ladder_that_gets_worse_with_size_fits_a_flat_law_not_a_negative_exponent()
    {
        // Loss rising with N: unconstrained, the best fit has alpha < 0 and extrapolates to any loss at all.
        var law = new ChinchillaLaw();
        var samples = (from n in new[] { 1e5, 2e5, 4e5, 8e5 }
                       from d in new[] { 1e5, 3e5, 1e6 }
                       select new FitSample(LawPoint.Ladder(n, d), 1.5 + 0.02 * Math.Log(n) + 200 / Math.Pow(d, 0.5), $"{n}")).ToList();

        var fit = new HuberLbfgsFitter().Fit(law, samples);

        Assert.InRange(fit.Parameters[3], 0, 10);
        Assert.InRange(fit.Parameters[4], 0, 10);
        Assert.InRange(law.Value(fit.Parameters, LawPoint.Ladder(1e8, 1e6), default), 1.5, 2.5);
    }

    [Fact]
    public void Objective_is_undefined_where_the_annealing_law_predicts_a_non_positive_loss()
    {
        var law = new CurveAnnealingLaw();
        var samples = new[] { new FitSample(LawPoint.OnCurve(10, 1, 100), 3, "a"), new FitSample(LawPoint.OnCurve(20, 2, 200), 2.9, "a") };

        double value = new HuberLogObjective(law, samples).Evaluate([Math.Log(2.5), 0, 0.5, 1], new double[4]);

        Assert.True(double.IsNaN(value));
    }
}

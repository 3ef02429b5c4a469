using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

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
    public void Objective_is_undefined_where_the_annealing_law_predicts_a_non_positive_loss()
    {
        var law = new AnnealingLaw();
        var samples = new[] { new FitSample(LawPoint.OnCurve(10, 1, 100), 3, "a"), new FitSample(LawPoint.OnCurve(20, 2, 200), 2.9, "a") };

        double value = new HuberLogObjective(law, samples).Evaluate([Math.Log(2.5), 0, 0.5, 1], new double[4]);

        Assert.True(double.IsNaN(value));
    }
}

using NanoLM.Fitting.Laws;
using NanoLM.Spec;

namespace NanoLM.Tests.Fitting;

public class LawGradientTests
{
    public static TheoryData<ScalingLaw> Laws => new(Enum.GetValues<ScalingLaw>());

    static (IScalingLaw Law, double[] Theta, LawPoint[] Points) Case(ScalingLaw name)
    {
        var law = ScalingLaws.Create(name);
        double[] theta = name switch
        {
            ScalingLaw.Power => [1.9, 35, 0.3],
            ScalingLaw.Chinchilla => [1.8, 480, 2100, 0.35, 0.37],
            ScalingLaw.Annealing => [1.2, 40, 1.9, 0.35, 0.4, 0.1],
            _ => [2.5, 1.2, 0.5, 0.4],
        };
        double[] sizes = [3e6, 1e7, 4e7, 1e8, 5e8];
        LawPoint[] points = name switch
        {
            ScalingLaw.CurveAnnealing => [.. new[] { 0.3, 1, 2.5, 7 }.Select((s1, i) => LawPoint.OnCurve(i + 1, s1, 0.1 * i)), LawPoint.OnCurve(9, 11, 0.5)],
            ScalingLaw.Annealing => [.. sizes.Select((n, i) => LawPoint.OnCurve(i + 1, 0.3 + 2 * i, 0.1 * i, n, 1024.0 * (i + 1)))],
            _ => [.. sizes.Select((n, i) => LawPoint.Ladder(n, (i + 3) * 7 * n))],
        };
        return (law, theta, points);
    }

    [Theory]
    [MemberData(nameof(Laws))]
    public void Law_gradient_matches_finite_differences(ScalingLaw name)
    {
        var (law, theta, points) = Case(name);
        var gradient = new double[theta.Length];
        foreach (var point in points)
        {
            law.Value(theta, point, gradient);
            for (int j = 0; j < theta.Length; j++)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
                var up = (double[])theta.Clone();
                var down = (double[])theta.Clone();
                up[j] += h;
                down[j] -= h;
                double numeric = (law.Value(up, point, default) - law.Value(down, point, default)) / (2 * h);
                Assert.Equal(numeric, gradient[j], 1e-6 * Math.Max(1, Math.Abs(numeric)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Laws))]
    public void Log_space_form_equals_the_law_and_its_gradient_matches_finite_differences(ScalingLaw name)
    {
        var (law, theta, points) = Case(name);
        var q = new double[theta.Length];
        law.ToLogSpace(theta, q);
        var columns = new LawColumns(points);
        int n = points.Length, p = theta.Length;
        var logValues = new double[n];
        var gradients = new double[n * p];
        Assert.True(law.LogValues(q, columns, logValues, gradients));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(Math.Log(law.Value(theta, points[i], default)), logValues[i], 1e-12);
            for (int j = 0; j < p; j++)
            {
                double h = 1e-6;
                var up = (double[])q.Clone();
                var down = (double[])q.Clone();
                up[j] += h;
                down[j] -= h;
                var upValues = new double[n];
                var downValues = new double[n];
                law.LogValues(up, columns, upValues, new double[n * p]);
                law.LogValues(down, columns, downValues, new double[n * p]);
                Assert.Equal((upValues[i] - downValues[i]) / (2 * h), gradients[j * n + i], 1e-6);
            }
        }
    }

    [Fact]
    public void Natural_and_log_space_parameters_round_trip()
    {
        var law = new ChinchillaLaw();
        double[] theta = [1.8, 480, 2100, 0.35, 0.37];
        var q = new double[5];
        var back = new double[5];
        law.ToLogSpace(theta, q);
        law.ToNatural(q, back);
        Assert.Equal(theta, back, (a, b) => Math.Abs(a - b) <= 1e-12 * a);
    }
}

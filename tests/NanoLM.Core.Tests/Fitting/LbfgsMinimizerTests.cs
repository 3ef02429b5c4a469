using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class LbfgsMinimizerTests
{
    sealed class Rosenbrock : IDifferentiableObjective
    {
        public int Dimension => 2;
        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            gradient[0] = -2 * a - 400 * x[0] * b;
            gradient[1] = 200 * b;
            return a * a + 100 * b * b;
        }
    }

    [Fact]
    public void Lbfgs_finds_the_Rosenbrock_minimum()
    {
        double[] x = [-1.2, 1];

        var (value, converged, _) = new LbfgsMinimizer(2) { StallTolerance = 0 }.Minimize(new Rosenbrock(), x);

        Assert.True(converged);
        Assert.True(value < 1e-10, $"value {value}");
        Assert.Equal(1, x[0], 1e-5);
        Assert.Equal(1, x[1], 1e-5);
    }
}

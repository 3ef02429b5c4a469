using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class MuScalingGoldenTests
{
    static readonly PowerLaw Law = new(ScalingAxis.Params);

    static (IReadOnlyList<FitSample> Fitted, IReadOnlyList<FitRow> Held) Ladder()
    {
        var rows = FitCsv.Read(PublishedTables.MuScalingCsv, Law, lossRequired: true);
        return (FitCsv.Samples(rows, Law, PublishedTables.MuScalingCsv), [.. rows.Where(r => r.HeldOut)]);
    }

    [Fact]
    public void Fit_reproduces_MuScaling_parameters_with_LM_from_their_start()
    {
        // μScaling's curve_fit start (a, b, c) = (1, −1, 3) is A = 1, α = 1, E = 3 here.
        var fit = new LevenbergMarquardtFitter().Fit(Law, Ladder().Fitted, [[3, 1, 1]]);

        Assert.True(fit.Converged);
        Assert.Equal(2.4694, fit.Parameter("A"), 1e-3);
        Assert.Equal(0.4231, fit.Parameter("alpha"), 1e-3);
        Assert.Equal(2.9233, fit.Parameter("E"), 1e-3);
    }

    [Fact]
    public void Fit_predicts_MuScaling_held_out_widths_with_published_errors()
    {
        var (fitted, held) = Ladder();
        var outcome = ScalingFit.Run(Law, fitted, [.. held.Select(r => r.ToTarget())], new FitOptions(Backtest: false));

        Assert.Equal(FitterNames.LevenbergMarquardt, outcome.Fit.Fitter);
        double[] published = [0.29, -0.17, -0.18];
        for (int i = 0; i < published.Length; i++)
            Assert.Equal(published[i], 100 * outcome.Predictions[i].RelativeError!.Value, 0.01);
    }

    [Fact]
    public void Least_squares_standard_errors_match_curve_fit_formula()
    {
        var fit = new LevenbergMarquardtFitter().Fit(Law, Ladder().Fitted, [[3, 1, 1]]);

        // sqrt(diag(s²·(JᵀJ)⁻¹)) with s² = SSR/(n − p), recomputed here independently with finite differences.
        Assert.NotNull(fit.StandardErrors);
        var expected = CurveFitStandardErrors(Law, Ladder().Fitted, fit.Parameters, fit.Objective);
        for (int j = 0; j < 3; j++)
            Assert.Equal(expected[j], fit.StandardErrors![j], expected[j] * 1e-4);
    }

    static double[] CurveFitStandardErrors(IScalingLaw law, IReadOnlyList<FitSample> samples, double[] theta, double ssr)
    {
        int n = samples.Count, p = theta.Length;
        var jtj = new double[p, p];
        var row = new double[p];
        foreach (var sample in samples)
        {
            for (int j = 0; j < p; j++)
            {
                var up = (double[])theta.Clone();
                var down = (double[])theta.Clone();
                double h = 1e-6 * Math.Max(1, Math.Abs(theta[j]));
                up[j] += h;
                down[j] -= h;
                row[j] = (law.Value(up, sample.Point, default) - law.Value(down, sample.Point, default)) / (2 * h);
            }
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) jtj[a, b] += row[a] * row[b];
        }
        var inverse = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(jtj).Inverse();
        return [.. Enumerable.Range(0, p).Select(j => Math.Sqrt(ssr / (n - p) * inverse[j, j]))];
    }
}

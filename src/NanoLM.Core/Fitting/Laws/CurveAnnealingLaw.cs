using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>
/// L(s) = L0 + A·S1^(−α) − C·S2 over the training curve of one model (Tissue et al. 2024): S1 and S2 are the
/// learning-rate and annealing areas up to step s. <see cref="AnnealingLaw"/> adds a parameter term to span a ladder.
/// </summary>
public sealed class CurveAnnealingLaw : IScalingLaw
{
    const int L0 = 0, A = 1, Alpha = 2, C = 3;

    public ScalingLaw Kind => ScalingLaw.CurveAnnealing;
    public string Formula => "L(s) = L0 + A·S1^(−alpha) − C·S2";
    public IReadOnlyList<string> ParameterNames { get; } = ["L0", "A", "alpha", "C"];
    public IReadOnlyList<double> LowerBounds { get; } = [0, 0, 0, 0];
    public IReadOnlyList<double> UpperBounds { get; } = [double.PositiveInfinity, double.PositiveInfinity, 10, double.PositiveInfinity];
    // Curves hold thousands of noisy, correlated points with spikes; a Huber fit in log space is not dragged by them.
    public string DefaultFitter => FitterNames.HuberLbfgs;

    public double Value(ReadOnlySpan<double> p, in LawPoint point, Span<double> gradient)
    {
        double power = Math.Exp(-p[Alpha] * point.LogLrArea);
        if (!gradient.IsEmpty)
        {
            gradient[L0] = 1;
            gradient[A] = power;
            gradient[Alpha] = -p[A] * power * point.LogLrArea;
            gradient[C] = -point.AnnealingArea;
        }
        return p[L0] + p[A] * power - p[C] * point.AnnealingArea;
    }

    // The subtracted term rules out a log-sum-exp form; a non-positive loss is reported so the line search steps back.
    public bool LogValues(ReadOnlySpan<double> q, LawColumns points, Span<double> logValues, Span<double> gradients)
    {
        int n = points.Count;
        double l0 = Math.Exp(q[L0]);
        ReadOnlySpan<double> logS1 = points.LogLrArea, s2 = points.AnnealingArea;
        Span<double> gL0 = gradients.Slice(L0 * n, n), gA = gradients.Slice(A * n, n), gAlpha = gradients.Slice(Alpha * n, n),
            gC = gradients.Slice(C * n, n);
        for (int i = 0; i < n; i++)
        {
            double decay = Math.Exp(q[A] - q[Alpha] * logS1[i]);
            double loss = l0 + decay - q[C] * s2[i];
            if (!(loss > 0)) return false;
            logValues[i] = Math.Log(loss);
            gL0[i] = l0 / loss;
            gA[i] = decay / loss;
            gAlpha[i] = -gA[i] * logS1[i];
            gC[i] = -s2[i] / loss;
        }
        return true;
    }

    public void ToNatural(ReadOnlySpan<double> q, Span<double> p)
    {
        p[L0] = Math.Exp(q[L0]);
        p[A] = Math.Exp(q[A]);
        p[Alpha] = q[Alpha];
        p[C] = q[C];
    }

    public void ToLogSpace(ReadOnlySpan<double> p, Span<double> q)
    {
        q[L0] = Math.Log(p[L0]);
        q[A] = Math.Log(p[A]);
        q[Alpha] = p[Alpha];
        q[C] = p[C];
    }

    // S1 and S2 carry the learning rate's units, so L0 and C start relative to the data rather than on a fixed grid.
    public IReadOnlyList<double[]> StartGrid(IReadOnlyList<FitSample> samples)
    {
        double minLoss = samples.Min(s => s.Loss);
        double[] cScales = AnnealingStarts(samples);
        return [.. from f in new[] { 0.25, 0.5, 0.75, 0.9 }
                   from a in new[] { -2.0, 0, 2, 4 }
                   from alpha in new[] { 0.25, 0.5, 1, 2 }
                   from c in cScales
                   select new[] { Math.Log(f * minLoss), a, alpha, c }];
    }

    /// <summary>
    /// Starts for C, which <see cref="AnnealingLaw"/> shares: none, or enough to take 5 % or 20 % off the lowest loss at
    /// the largest annealing area (C carries the data's units).
    /// </summary>
    internal static double[] AnnealingStarts(IReadOnlyList<FitSample> samples)
    {
        double minLoss = samples.Min(s => s.Loss);
        double maxAnnealing = samples.Max(s => s.Point.AnnealingArea);
        return maxAnnealing > 0 ? [0, 0.05 * minLoss / maxAnnealing, 0.2 * minLoss / maxAnnealing] : [0];
    }

    public double Size(in LawPoint point) => point.Step;

    public string? MissingInput(in LawPoint point) =>
        double.IsNaN(point.LrArea) ? "lr"
        : double.IsNaN(point.Step) ? "step"
        : !(point.LrArea > 0) ? "lr (a positive sum of the learning rate; it is zero up to this step)"
        : null;
}

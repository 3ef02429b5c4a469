using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>
/// L(N, s) = E + A/N^α + B·S1^(−β) − C·S2 over the checkpoints of a ladder: the curve term of <see cref="CurveAnnealingLaw"/> (Tissue et al.
/// 2024; S1, S2 the learning-rate and annealing areas up to step s) plus a parameter term, so one fit spans widths and steps.
/// </summary>
public sealed class AnnealingLaw : IScalingLaw
{
    const int E = 0, A = 1, B = 2, Alpha = 3, Beta = 4, C = 5;

    public ScalingLaw Kind => ScalingLaw.Annealing;
    public string Formula => "L = E + A/N^alpha + B·S1^(−beta) − C·S2";
    public IReadOnlyList<string> ParameterNames { get; } = ["E", "A", "B", "alpha", "beta", "C"];
    public IReadOnlyList<double> LowerBounds { get; } = [0, 0, 0, 0, 0, 0];
    public IReadOnlyList<double> UpperBounds { get; } = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 10, 10, double.PositiveInfinity];
    public string DefaultFitter => FitterNames.HuberLbfgs;

    public double Value(ReadOnlySpan<double> p, in LawPoint point, Span<double> gradient)
    {
        double n = Math.Exp(-p[Alpha] * point.LogParams);
        double s = Math.Exp(-p[Beta] * point.LogLrArea);
        if (!gradient.IsEmpty)
        {
            gradient[E] = 1;
            gradient[A] = n;
            gradient[B] = s;
            gradient[Alpha] = -p[A] * n * point.LogParams;
            gradient[Beta] = -p[B] * s * point.LogLrArea;
            gradient[C] = -point.AnnealingArea;
        }
        return p[E] + p[A] * n + p[B] * s - p[C] * point.AnnealingArea;
    }

    // The subtracted term rules out a log-sum-exp form; a non-positive loss is reported so the line search steps back.
    public bool LogValues(ReadOnlySpan<double> q, LawColumns points, Span<double> logValues, Span<double> gradients)
    {
        int n = points.Count;
        double e = Math.Exp(q[E]);
        ReadOnlySpan<double> logN = points.LogParams, logS1 = points.LogLrArea, s2 = points.AnnealingArea;
        Span<double> gE = gradients.Slice(E * n, n), gA = gradients.Slice(A * n, n), gB = gradients.Slice(B * n, n),
            gAlpha = gradients.Slice(Alpha * n, n), gBeta = gradients.Slice(Beta * n, n), gC = gradients.Slice(C * n, n);
        for (int i = 0; i < n; i++)
        {
            double byParams = Math.Exp(q[A] - q[Alpha] * logN[i]);
            double byArea = Math.Exp(q[B] - q[Beta] * logS1[i]);
            double loss = e + byParams + byArea - q[C] * s2[i];
            if (!(loss > 0)) return false;
            logValues[i] = Math.Log(loss);
            gE[i] = e / loss;
            gA[i] = byParams / loss;
            gB[i] = byArea / loss;
            gAlpha[i] = -gA[i] * logN[i];
            gBeta[i] = -gB[i] * logS1[i];
            gC[i] = -s2[i] / loss;
        }
        return true;
    }

    public void ToNatural(ReadOnlySpan<double> q, Span<double> p)
    {
        p[E] = Math.Exp(q[E]);
        p[A] = Math.Exp(q[A]);
        p[B] = Math.Exp(q[B]);
        p[Alpha] = q[Alpha];
        p[Beta] = q[Beta];
        p[C] = q[C];
    }

    public void ToLogSpace(ReadOnlySpan<double> p, Span<double> q)
    {
        q[E] = Math.Log(p[E]);
        q[A] = Math.Log(p[A]);
        q[B] = Math.Log(p[B]);
        q[Alpha] = p[Alpha];
        q[Beta] = p[Beta];
        q[C] = p[C];
    }

    // E starts as a fraction of the lowest loss and C relative to the largest annealing area (both carry the data's
    // units); a and b span the sizes of small ladders (N^-α down to 1e-4) and LR areas (S1 of order 1–100).
    public IReadOnlyList<double[]> StartGrid(IReadOnlyList<FitSample> samples)
    {
        double minLoss = samples.Min(s => s.Loss);
        double[] cScales = CurveAnnealingLaw.AnnealingStarts(samples);
        return [.. from f in new[] { 0.25, 0.5, 0.75 }
                   from a in new[] { 0.0, 4, 8, 12 }
                   from b in new[] { -2.0, 0, 2 }
                   from alpha in new[] { 0.25, 0.5, 1 }
                   from beta in new[] { 0.25, 0.5, 1 }
                   from c in cScales
                   select new[] { Math.Log(f * minLoss), a, b, alpha, beta, c }];
    }

    public double Size(in LawPoint point) => point.Params;

    public string? MissingInput(in LawPoint point) =>
        point.Params is not (> 0 and < double.PositiveInfinity) ? "params"
        : double.IsNaN(point.LrArea) ? "lr"
        : !(point.LrArea > 0) ? "lr (a positive sum of the learning rate; it is zero up to this step)"
        : null;
}

using System.Runtime.Intrinsics;
using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>L = E + A·X^(−α) over parameters, compute or tokens (μScaling, Kaplan et al.).</summary>
public sealed class PowerLaw(ScalingAxis axis) : IScalingLaw
{
    const int E = 0, A = 1, Alpha = 2;

    public ScalingAxis Axis { get; } = axis;
    public ScalingLaw Kind => ScalingLaw.Power;
    public string Formula => $"L = E + A·{AxisSymbol}^(−alpha)";
    public IReadOnlyList<string> ParameterNames { get; } = ["E", "A", "alpha"];
    public IReadOnlyList<double> LowerBounds { get; } = [0, 0, 0];
    public IReadOnlyList<double> UpperBounds { get; } = [double.PositiveInfinity, double.PositiveInfinity, 10];
    // μScaling fits ladders by least squares on the raw loss; its published numbers are our golden test.
    public string DefaultFitter => FitterNames.LevenbergMarquardt;

    string AxisSymbol => Axis switch { ScalingAxis.Params => "N", ScalingAxis.Tokens => "D", _ => "C" };

    public double Value(ReadOnlySpan<double> p, in LawPoint point, Span<double> gradient)
    {
        double power = Math.Exp(-p[Alpha] * point.LogAxis(Axis));
        if (!gradient.IsEmpty)
        {
            gradient[E] = 1;
            gradient[A] = power;
            gradient[Alpha] = -p[A] * power * point.LogAxis(Axis);
        }
        return p[E] + p[A] * power;
    }

    // log L = LSE(e, a − α·log X) as the log of a plain sum, four points at a time.
    public bool LogValues(ReadOnlySpan<double> q, LawColumns points, Span<double> logValues, Span<double> gradients)
    {
        int n = points.Count, i = 0;
        double scale = Math.Exp(q[E]);
        ReadOnlySpan<double> logX = points.LogAxis(Axis);
        Span<double> gE = gradients.Slice(E * n, n), gA = gradients.Slice(A * n, n), gAlpha = gradients.Slice(Alpha * n, n);
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vScale = Vector256.Create(scale), a = Vector256.Create(q[A]), alpha = Vector256.Create(q[Alpha]);
            for (; i <= n - 4; i += 4)
            {
                var lx = Vector256.Create(logX.Slice(i, 4));
                var decay = Vector256.Exp(a - alpha * lx);
                var loss = vScale + decay;
                if (!Vector256.GreaterThanAll(loss, Vector256<double>.Zero)) return false;
                Vector256.Log(loss).CopyTo(logValues.Slice(i, 4));
                var inverse = Vector256<double>.One / loss;
                var wA = decay * inverse;
                (vScale * inverse).CopyTo(gE.Slice(i, 4));
                wA.CopyTo(gA.Slice(i, 4));
                (-wA * lx).CopyTo(gAlpha.Slice(i, 4));
            }
        }
        for (; i < n; i++)
        {
            double decay = Math.Exp(q[A] - q[Alpha] * logX[i]);
            double loss = scale + decay;
            if (!(loss > 0)) return false;
            logValues[i] = Math.Log(loss);
            gE[i] = scale / loss;
            gA[i] = decay / loss;
            gAlpha[i] = -gA[i] * logX[i];
        }
        return true;
    }

    public void ToNatural(ReadOnlySpan<double> q, Span<double> p)
    {
        p[E] = Math.Exp(q[E]);
        p[A] = Math.Exp(q[A]);
        p[Alpha] = q[Alpha];
    }

    public void ToLogSpace(ReadOnlySpan<double> p, Span<double> q)
    {
        q[E] = Math.Log(p[E]);
        q[A] = Math.Log(p[A]);
        q[Alpha] = p[Alpha];
    }

    // Hoffmann's grid restricted to one term: e ∈ {−1 … 1}, a ∈ {0 … 25}, α ∈ {0 … 2}.
    public IReadOnlyList<double[]> StartGrid(IReadOnlyList<FitSample> samples) =>
        [.. from e in StartGrids.Steps(-1, 1, 0.5)
            from a in StartGrids.Steps(0, 25, 5)
            from alpha in StartGrids.Steps(0, 2, 0.5)
            select new[] { e, a, alpha }];

    public double Size(in LawPoint point) => point.Axis(Axis);

    public string? MissingInput(in LawPoint point) =>
        point.Axis(Axis) is > 0 and < double.PositiveInfinity ? null : Axis.ToString().ToLowerInvariant();
}

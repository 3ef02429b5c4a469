using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>L = E + A/N^α + B/D^β over parameters N and tokens D (Hoffmann et al. 2022, Approach 3).</summary>
public sealed class ChinchillaLaw : IScalingLaw
{
    const int E = 0, A = 1, B = 2, Alpha = 3, Beta = 4;

    public ScalingLaw Kind => ScalingLaw.Chinchilla;
    public string Formula => "L = E + A/N^alpha + B/D^beta";
    public IReadOnlyList<string> ParameterNames { get; } = ["E", "A", "B", "alpha", "beta"];
    public IReadOnlyList<double> LowerBounds { get; } = [0, 0, 0, 0, 0];
    public IReadOnlyList<double> UpperBounds { get; } = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 10, 10];
    // A and B are weakly identified and the published points carry outliers: Hoffmann's Huber fit from a grid is the recipe.
    public string DefaultFitter => FitterNames.HuberLbfgs;

    public double Value(ReadOnlySpan<double> p, in LawPoint point, Span<double> gradient)
    {
        double n = Math.Exp(-p[Alpha] * point.LogParams);
        double d = Math.Exp(-p[Beta] * point.LogTokens);
        if (!gradient.IsEmpty)
        {
            gradient[E] = 1;
            gradient[A] = n;
            gradient[B] = d;
            gradient[Alpha] = -p[A] * n * point.LogParams;
            gradient[Beta] = -p[B] * d * point.LogTokens;
        }
        return p[E] + p[A] * n + p[B] * d;
    }

    // log L = LSE(e, a − α·log N, b − β·log D), computed as the log of a plain sum with exp(e) hoisted out of the loop,
    // four points at a time; an overflow shows up as a non-finite objective that the line search steps back from.
    public bool LogValues(ReadOnlySpan<double> q, LawColumns points, Span<double> logValues, Span<double> gradients)
    {
        int n = points.Count, i = 0;
        double scale = Math.Exp(q[E]);
        ReadOnlySpan<double> logN = points.LogParams, logD = points.LogTokens;
        Span<double> gE = gradients.Slice(E * n, n), gA = gradients.Slice(A * n, n), gB = gradients.Slice(B * n, n),
            gAlpha = gradients.Slice(Alpha * n, n), gBeta = gradients.Slice(Beta * n, n);
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            Vector256<double> vScale = Vector256.Create(scale), a = Vector256.Create(q[A]), b = Vector256.Create(q[B]),
                alpha = Vector256.Create(q[Alpha]), beta = Vector256.Create(q[Beta]);
            // Unchecked loads and stores: every span here holds n values and i + 4 ≤ n.
            ref double logNRef = ref MemoryMarshal.GetReference(logN), logDRef = ref MemoryMarshal.GetReference(logD),
                valuesRef = ref MemoryMarshal.GetReference(logValues), gERef = ref MemoryMarshal.GetReference(gE),
                gARef = ref MemoryMarshal.GetReference(gA), gBRef = ref MemoryMarshal.GetReference(gB),
                gAlphaRef = ref MemoryMarshal.GetReference(gAlpha), gBetaRef = ref MemoryMarshal.GetReference(gBeta);
            for (; i <= n - 4; i += 4)
            {
                nuint at = (nuint)i;
                var ln = Vector256.LoadUnsafe(ref logNRef, at);
                var ld = Vector256.LoadUnsafe(ref logDRef, at);
                var byParams = Vector256.Exp(a - alpha * ln);
                var byTokens = Vector256.Exp(b - beta * ld);
                var loss = vScale + byParams + byTokens;
                if (!Vector256.GreaterThanAll(loss, Vector256<double>.Zero)) return false;
                Vector256.Log(loss).StoreUnsafe(ref valuesRef, at);
                var inverse = Vector256<double>.One / loss;
                var wA = byParams * inverse;
                var wB = byTokens * inverse;
                (vScale * inverse).StoreUnsafe(ref gERef, at);
                wA.StoreUnsafe(ref gARef, at);
                wB.StoreUnsafe(ref gBRef, at);
                (-wA * ln).StoreUnsafe(ref gAlphaRef, at);
                (-wB * ld).StoreUnsafe(ref gBetaRef, at);
            }
        }
        for (; i < n; i++)
        {
            double byParams = Math.Exp(q[A] - q[Alpha] * logN[i]);
            double byTokens = Math.Exp(q[B] - q[Beta] * logD[i]);
            double loss = scale + byParams + byTokens;
            if (!(loss > 0)) return false;
            logValues[i] = Math.Log(loss);
            gE[i] = scale / loss;
            gA[i] = byParams / loss;
            gB[i] = byTokens / loss;
            gAlpha[i] = -gA[i] * logN[i];
            gBeta[i] = -gB[i] * logD[i];
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
    }

    public void ToLogSpace(ReadOnlySpan<double> p, Span<double> q)
    {
        q[E] = Math.Log(p[E]);
        q[A] = Math.Log(p[A]);
        q[B] = Math.Log(p[B]);
        q[Alpha] = p[Alpha];
        q[Beta] = p[Beta];
    }

    // Hoffmann's grid: α, β ∈ {0 … 2}, e ∈ {−1 … 1}, a, b ∈ {0 … 25}: 5·5·5·6·6 = 4 500 starts.
    public IReadOnlyList<double[]> StartGrid(IReadOnlyList<FitSample> samples) =>
        [.. from alpha in StartGrids.Steps(0, 2, 0.5)
            from beta in StartGrids.Steps(0, 2, 0.5)
            from e in StartGrids.Steps(-1, 1, 0.5)
            from a in StartGrids.Steps(0, 25, 5)
            from b in StartGrids.Steps(0, 25, 5)
            select new[] { e, a, b, alpha, beta }];

    public double Size(in LawPoint point) => point.Flops;

    public string? MissingInput(in LawPoint point) =>
        point.Params is not (> 0 and < double.PositiveInfinity) ? "params"
        : point.Tokens is not (> 0 and < double.PositiveInfinity) ? "tokens (or flops)"
        : null;
}

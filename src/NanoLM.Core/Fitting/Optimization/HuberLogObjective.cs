using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting.Optimization;

/// <summary>Σ Huber_δ(log L̂ − log L) over the samples, with L̂ from the law's log-space form; summed, not averaged, as Hoffmann et al. do.</summary>
public sealed class HuberLogObjective : IDifferentiableObjective
{
    readonly IScalingLaw law;
    readonly LawColumns points;
    readonly double[] logLosses;
    readonly double delta;
    readonly double[] logPredictions, gradients, weights, natural;

    public HuberLogObjective(IScalingLaw law, IReadOnlyList<FitSample> samples, double delta = Huber.DefaultDelta)
        : this(law, new LawColumns([.. samples.Select(s => s.Point)]), [.. samples.Select(s => Math.Log(s.Loss))], delta) { }

    HuberLogObjective(IScalingLaw law, LawColumns points, double[] logLosses, double delta)
    {
        this.law = law;
        this.points = points;
        this.logLosses = logLosses;
        this.delta = delta;
        Dimension = law.ParameterNames.Count;
        logPredictions = new double[points.Count];
        weights = new double[points.Count];
        gradients = new double[points.Count * Dimension];
        natural = new double[Dimension];
    }

    public int Dimension { get; }

    /// <summary>A copy with its own scratch buffer, sharing the data, for another thread.</summary>
    public HuberLogObjective ForAnotherThread() => new(law, points, logLosses, delta);

    // Branch-free Huber: the derivative is the residual clamped to ±δ, and the loss is w·(r − w/2) for that clamped w.
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (!WithinBounds(x) || !law.LogValues(x, points, logPredictions, gradients)) return double.NaN;
        int n = points.Count, i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            Vector256<double> upper = Vector256.Create(delta), lower = -upper, half = Vector256.Create(0.5), total = Vector256<double>.Zero;
            ref double predictedRef = ref MemoryMarshal.GetArrayDataReference(logPredictions), observedRef = ref MemoryMarshal.GetArrayDataReference(logLosses),
                weightsRef = ref MemoryMarshal.GetArrayDataReference(weights);
            for (; i <= n - 4; i += 4)
            {
                var r = Vector256.LoadUnsafe(ref predictedRef, (nuint)i) - Vector256.LoadUnsafe(ref observedRef, (nuint)i);
                var w = Vector256.Min(Vector256.Max(r, lower), upper);
                total += w * (r - half * w);
                w.StoreUnsafe(ref weightsRef, (nuint)i);
            }
            sum = Vector256.Sum(total);
        }
        for (; i < n; i++)
        {
            double r = logPredictions[i] - logLosses[i];
            double w = Math.Clamp(r, -delta, delta);
            sum += w * (r - 0.5 * w);
            weights[i] = w;
        }
        for (int j = 0; j < Dimension; j++)
            gradient[j] = Dot(weights, gradients.AsSpan(j * n, n));
        return double.IsFinite(sum) ? sum : double.NaN;
    }

    // The law's bounds as a wall the line search steps back from: unconstrained, a flat ladder lets an exponent go
    // negative (loss rising with size) or run off to 20, and such a fit extrapolates to nonsense.
    bool WithinBounds(ReadOnlySpan<double> x)
    {
        law.ToNatural(x, natural);
        for (int j = 0; j < Dimension; j++)
            if (!(natural[j] >= law.LowerBounds[j] && natural[j] <= law.UpperBounds[j])) return false;
        return true;
    }

    static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double dot = 0;
        if (Vector256.IsHardwareAccelerated && a.Length >= 4)
        {
            var total = Vector256<double>.Zero;
            ref double aRef = ref MemoryMarshal.GetReference(a), bRef = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - 4; i += 4)
                total += Vector256.LoadUnsafe(ref aRef, (nuint)i) * Vector256.LoadUnsafe(ref bRef, (nuint)i);
            dot = Vector256.Sum(total);
        }
        for (; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}

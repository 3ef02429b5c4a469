namespace NanoLM.Report;

/// <summary>Samples L(X) = E + A·X^(−α), or any fitted law of X, at points evenly spaced in log X, for drawing it.</summary>
public static class PowerLawCurve
{
    public static IReadOnlyList<ScalingPoint> Sample(double e, double a, double alpha, double xMin, double xMax, int count = 64) =>
        Sample(x => e + a * Math.Pow(x, -alpha), xMin, xMax, count);

    public static IReadOnlyList<ScalingPoint> Sample(Func<double, double> loss, double xMin, double xMax, int count = 64)
    {
        if (!(xMin > 0) || !(xMax > xMin)) throw new ArgumentException("the range must satisfy 0 < xMin < xMax", nameof(xMin));
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), "a curve needs at least two samples");
        double logMin = Math.Log(xMin), step = (Math.Log(xMax) - logMin) / (count - 1);
        return Enumerable.Range(0, count)
            .Select(i => Math.Exp(logMin + i * step))
            .Select(x => new ScalingPoint(x, loss(x)))
            .ToList();
    }
}

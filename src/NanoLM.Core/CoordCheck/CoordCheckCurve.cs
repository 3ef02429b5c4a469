namespace NanoLM.CoordCheck;

/// <summary>Mean |activation| of one module after a given number of training steps, at each width of a coord check.</summary>
public sealed record CoordCheckCurve(string Module, int Step, IReadOnlyList<int> Widths, IReadOnlyList<double> MeanAbsActivation)
{
    /// <summary>Least-squares slope of log(mean |activation|) against log(width); NaN when a value is zero or not finite.</summary>
    public double LogLogSlope()
    {
        int n = Widths.Count;
        if (n < 2 || MeanAbsActivation.Any(v => !(v > 0) || double.IsInfinity(v))) return double.NaN;
        var x = Widths.Select(w => Math.Log(w)).ToArray();
        var y = MeanAbsActivation.Select(v => Math.Log(v)).ToArray();
        double meanX = x.Average(), meanY = y.Average();
        double covariance = 0, variance = 0;
        for (int i = 0; i < n; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        return covariance / variance;
    }
}

namespace NanoLM.Report;

/// <summary>One module's mean |activation| across widths after a given number of coord-check steps.</summary>
public sealed record CoordCheckModuleCurve(string Module, int Step, IReadOnlyList<WidthActivation> Points)
{
    /// <summary>Least-squares slope of log |activation| against log width: ≈ 0 under μP; NaN when it cannot be taken.</summary>
    public double LogLogSlope
    {
        get
        {
            var usable = Points.Where(p => p.Width > 0 && p.MeanAbsActivation > 0 && double.IsFinite(p.MeanAbsActivation)).ToList();
            if (usable.Select(p => p.Width).Distinct().Count() < 2) return double.NaN;
            var x = usable.Select(p => Math.Log(p.Width)).ToList();
            var y = usable.Select(p => Math.Log(p.MeanAbsActivation)).ToList();
            double meanX = x.Average(), meanY = y.Average(), covariance = 0, variance = 0;
            for (int i = 0; i < x.Count; i++)
            {
                covariance += (x[i] - meanX) * (y[i] - meanY);
                variance += (x[i] - meanX) * (x[i] - meanX);
            }
            return covariance / variance;
        }
    }
}

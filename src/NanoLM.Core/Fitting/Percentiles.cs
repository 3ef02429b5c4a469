namespace NanoLM.Fitting;

/// <summary>Percentiles by linear interpolation between order statistics (NumPy's default).</summary>
static class Percentiles
{
    public static double Of(double[] sorted, double fraction)
    {
        if (sorted.Length == 0) return double.NaN;
        double position = fraction * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return double.NaN;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}

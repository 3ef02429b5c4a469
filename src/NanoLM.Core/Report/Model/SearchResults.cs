namespace NanoLM.Report;

/// <summary>The learning-rate search: one sweep per width, and whether the optimum stayed put as width grew.</summary>
/// <param name="DriftFactorThreshold">Largest ratio between the widths' optimal LRs still read as "transferred"; μP promises a ratio near 1.</param>
public sealed record SearchResults(IReadOnlyList<LearningRateSweep> Sweeps, double DriftFactorThreshold = 2.0)
{
    /// <summary>Ratio of the largest to the smallest optimal LR across widths; 1 with fewer than two widths.</summary>
    public double DriftFactor
    {
        get
        {
            var optima = Sweeps.Select(s => s.Optimum?.LearningRate).OfType<double>().Where(lr => lr > 0).ToList();
            return optima.Count < 2 ? 1.0 : optima.Max() / optima.Min();
        }
    }

    public bool OptimumDrifts => DriftFactor >= DriftFactorThreshold;
}

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

/// <summary>The learning-rate trials at one width, and the point the search chose there.</summary>
/// <param name="Chosen">The search's pick; when null the lowest finite loss stands in for it.</param>
/// <param name="OwnSearch">A ladder rung searched on its own (search.rungs), which trains at its own pick, not the proxy's.</param>
public sealed record LearningRateSweep(int Width, IReadOnlyList<LearningRatePoint> Points, LearningRatePoint? Chosen = null, bool OwnSearch = false)
{
    public LearningRatePoint? Optimum =>
        Chosen ?? Points.Where(p => !p.Diverged).OrderBy(p => p.ValidationLoss).FirstOrDefault();

    /// <summary>True when the optimum sits at the smallest or largest LR tried, so the true optimum may lie outside the grid.</summary>
    public bool OptimumAtGridEdge
    {
        get
        {
            var optimum = Optimum;
            if (optimum is null || Points.Count < 3) return false;
            double smallest = Points.Min(p => p.LearningRate), largest = Points.Max(p => p.LearningRate);
            return optimum.LearningRate <= smallest || optimum.LearningRate >= largest;
        }
    }
}

/// <summary>One search trial: its peak learning rate and the validation loss it reached (NaN or ∞ when it diverged).</summary>
public sealed record LearningRatePoint(double LearningRate, double ValidationLoss)
{
    public bool Diverged => !double.IsFinite(ValidationLoss);
}

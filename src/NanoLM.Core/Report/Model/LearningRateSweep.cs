namespace NanoLM.Report;

/// <summary>The learning-rate trials at one width, and the point the search chose there.</summary>
/// <param name="Chosen">The search's pick; when null the lowest finite loss stands in for it.</param>
public sealed record LearningRateSweep(int Width, IReadOnlyList<LearningRatePoint> Points, LearningRatePoint? Chosen = null)
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

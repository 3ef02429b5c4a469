namespace NanoLM.Fitting;

/// <summary>
/// How much of one run's seed noise reaches a prediction beyond the ladder: the standard error, in units of one run's
/// noise, of a straight line in log loss against log parameters fitted to every run and read at the target. It is the
/// best case (a law that can bend, with a free E, only adds to it), so it bounds from below what seeds alone can reach.
/// </summary>
/// <remarks>
/// √(1/n + (x₀ − x̄)² / Σ(xᵢ − x̄)²) over the n runs, xᵢ a run's log parameters and x₀ the target's. For the quickstart's
/// four rungs (widths 32–128, one seed each) and its width-512 target it is 1.97: a rung's noise reaches the target doubled.
/// </remarks>
public static class ExtrapolationLeverage
{
    /// <param name="rungs">Each width's parameter count and the seeds it trains.</param>
    /// <param name="target">The parameter count of the model predicted.</param>
    public static double Factor(IReadOnlyList<(double Parameters, int Seeds)> rungs, double target)
    {
        int runs = rungs.Sum(r => r.Seeds);
        if (rungs.Count < 2 || runs == 0) return double.PositiveInfinity;
        double mean = rungs.Sum(r => r.Seeds * Math.Log(r.Parameters)) / runs;
        double spread = rungs.Sum(r => r.Seeds * Math.Pow(Math.Log(r.Parameters) - mean, 2));
        return spread > 0 ? Math.Sqrt(1.0 / runs + Math.Pow(Math.Log(target) - mean, 2) / spread) : double.PositiveInfinity;
    }
}

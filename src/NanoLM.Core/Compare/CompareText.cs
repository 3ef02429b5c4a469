using NanoLM.Report;

namespace NanoLM.Compare;

/// <summary>The sentences `compare` prints and its report shows, so the terminal and the page say the same thing.</summary>
public static class CompareText
{
    public static string Bootstrap(DesignComparison comparison)
    {
        if (comparison.Resamples == 0) return "No bootstrap: no intervals and no probability (pass --bootstrap N).";
        string pairing = comparison.UnpairedRungs == 0
            ? $"all {comparison.PairedRungs} rungs paired by width and seed"
            : $"{comparison.PairedRungs} rung pairs drawn together (same width and seed), {comparison.UnpairedRungs} unpaired rungs resampled within their own ladder";
        string failed = comparison.FailedResamples > 0 ? $", {comparison.FailedResamples} of which could not refit and were dropped" : "";
        return $"Intervals: {ReportFormat.Percent(comparison.Level, 0)} percentile intervals over {comparison.Resamples} paired bootstrap refits of both ladders{failed} " +
               $"({pairing}). P(A beats B) is the fraction of those refits in which A's predicted loss is below B's.";
    }

    public static string Crossings(DesignComparison comparison, string lossUnit)
    {
        var (smallest, largest) = comparison.TrainedRange;
        string range = $"the trained sizes span {ReportFormat.Count(smallest)}–{ReportFormat.Count(largest)}";
        var degenerate = new[] { ("A", comparison.A), ("B", comparison.B) }.Where(d => d.Item2.Degenerate is not null).Select(d => d.Item1).ToList();
        if (degenerate.Count > 0)
            return $"No crossing and no ranking beyond the ladders: {string.Join(" and ", degenerate)}'s fit is degenerate ({range}); compare the rungs themselves.";
        if (comparison.Crossings.Count == 0)
        {
            string better = comparison.A.Predict(largest) < comparison.B.Predict(largest) ? "A" : "B";
            return $"The fitted curves do not cross between N = 1 and 10^18: {better} is predicted better at every size ({range}).";
        }
        var parts = comparison.Crossings.Select(c =>
        {
            string where = c.Location switch
            {
                CrossingLocation.WithinLadders => "within the trained sizes",
                CrossingLocation.BelowLadders => "below the smallest trained size",
                _ => "beyond the largest trained size, an extrapolation",
            };
            return $"at N ≈ {ReportFormat.Count(c.Params)} (loss {ReportFormat.Loss(c.Loss)} {lossUnit}, {where}), {c.BetterAbove} better above it";
        });
        return $"The fitted curves cross {string.Join("; and ", parts)} ({range}).";
    }
}

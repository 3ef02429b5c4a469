namespace NanoLM.Compare;

/// <summary>What `compare` computes: both fits, the targets compared with paired bootstrap intervals, the crossings, each fit's band and what to distrust.</summary>
/// <param name="Resamples">Paired bootstrap draws asked for; <paramref name="FailedResamples"/> of them could not refit both ladders and were dropped.</param>
public sealed record DesignComparison(
    DesignFit A,
    DesignFit B,
    IReadOnlyList<ComparedTarget> Targets,
    IReadOnlyList<CrossingPoint> Crossings,
    IReadOnlyList<ComparisonBandPoint> Band,
    int Resamples,
    int FailedResamples,
    double Level,
    int PairedRungs,
    int UnpairedRungs,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Smallest and largest non-embedding parameter count trained in either ladder.</summary>
    public (double Smallest, double Largest) TrainedRange =>
        (A.Ladder.Rungs.Concat(B.Ladder.Rungs).Min(r => r.Params), A.Ladder.Rungs.Concat(B.Ladder.Rungs).Max(r => r.Params));
}

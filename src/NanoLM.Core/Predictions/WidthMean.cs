namespace NanoLM.Predictions;

/// <summary>One width of the ladder as the fit saw it: its non-embedding parameters and the mean loss of its seeds.</summary>
public sealed record WidthMean(int Width, long Params, double Loss, int Seeds)
{
    /// <summary>The ladder's widths, narrowest first, each the mean of its runs.</summary>
    public static IReadOnlyList<WidthMean> Of(IEnumerable<RungLoss> rungs) =>
        [.. rungs.GroupBy(r => r.Trial.Width).OrderBy(g => g.Key)
            .Select(g => new WidthMean(g.Key, g.First().Trial.NonEmbeddingParameters, g.Average(r => r.Loss), g.Count()))];
}

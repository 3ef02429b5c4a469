namespace NanoLM.Report;

/// <summary>Keeps a long curve's shape on a log x axis with a few hundred points, so an SVG of thousands of steps stays small.</summary>
public static class LogSpacedThinning
{
    /// <summary>Points sorted by x, at most about <paramref name="maxPoints"/>, evenly spread in log x; the first and last always kept.</summary>
    public static IReadOnlyList<T> Thin<T>(IEnumerable<T> points, Func<T, double> x, int maxPoints = 300)
    {
        var sorted = points.Where(p => x(p) > 0).OrderBy(x).ToList();
        if (sorted.Count <= maxPoints) return sorted;
        double first = Math.Log(x(sorted[0])), last = Math.Log(x(sorted[^1]));
        // Steps are linear in tokens, so on a log axis they crowd to the right; thinning by index would starve the left.
        double spacing = (last - first) / (maxPoints - 1);
        var kept = new List<T> { sorted[0] };
        double keptAt = first;
        for (int i = 1; i < sorted.Count - 1; i++)
        {
            double at = Math.Log(x(sorted[i]));
            if (at - keptAt < spacing) continue;
            kept.Add(sorted[i]);
            keptAt = at;
        }
        kept.Add(sorted[^1]);
        return kept;
    }
}

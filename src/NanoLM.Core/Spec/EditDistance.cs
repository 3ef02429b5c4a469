namespace NanoLM.Spec;

/// <summary>Levenshtein distance and "did you mean" suggestions for misspelt keys, choices and run ids.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The candidates close enough to be a typo of <paramref name="word"/>, closest first.</summary>
    public static IReadOnlyList<string> Suggestions(string word, IEnumerable<string> candidates, int limit = 3)
    {
        // A third of the word's length tolerates one typo in short keys and a few in long ones.
        int tolerance = Math.Max(2, word.Length / 3);
        return candidates
            .Select(candidate => (candidate, distance: Between(word, candidate)))
            .Where(x => x.distance <= tolerance)
            .OrderBy(x => x.distance).ThenBy(x => x.candidate, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => x.candidate)
            .ToList();
    }

    /// <summary>" (did you mean 'a' or 'b'?)", or "" when nothing is close.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates)
    {
        var close = Suggestions(word, candidates);
        if (close.Count == 0) return "";
        return $" (did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?)";
    }
}

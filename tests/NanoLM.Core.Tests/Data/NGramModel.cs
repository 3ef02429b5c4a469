namespace NanoLM.Tests.Data;

/// <summary>A byte n-gram model with Witten–Bell interpolation: the baseline the synthetic oracle must beat.</summary>
internal sealed class NGramModel
{
    readonly int _order;
    readonly Dictionary<long, Dictionary<int, int>>[] _counts;

    public NGramModel(int order, ReadOnlySpan<int> train)
    {
        _order = order;
        _counts = new Dictionary<long, Dictionary<int, int>>[order];
        for (int n = 0; n < order; n++) _counts[n] = [];
        for (int i = 0; i < train.Length; i++)
            for (int n = 0; n < order && n <= i; n++)
            {
                var next = _counts[n].TryGetValue(Context(train, i, n), out var found) ? found : _counts[n][Context(train, i, n)] = [];
                next[train[i]] = next.GetValueOrDefault(train[i]) + 1;
            }
    }

    /// <summary>Mean negative log-likelihood per token (nats) of <paramref name="tokens"/>.</summary>
    public double CrossEntropy(ReadOnlySpan<int> tokens)
    {
        double total = 0;
        for (int i = 0; i < tokens.Length; i++) total -= Math.Log(Probability(tokens, i));
        return total / tokens.Length;
    }

    double Probability(ReadOnlySpan<int> tokens, int i)
    {
        double p = 1.0 / 256;
        for (int n = 0; n < _order && n <= i; n++)
        {
            if (!_counts[n].TryGetValue(Context(tokens, i, n), out var next)) break;
            double seen = next.Values.Sum();
            double types = next.Count;
            p = (next.GetValueOrDefault(tokens[i]) + types * p) / (seen + types);
        }
        return p;
    }

    // The n bytes before position i packed into one key (8 bits each, plus the length).
    static long Context(ReadOnlySpan<int> tokens, int i, int n)
    {
        long key = n;
        for (int k = 1; k <= n; k++) key = key * 256 + tokens[i - k];
        return key;
    }
}

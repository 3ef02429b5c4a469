namespace NanoLM.Compare;

/// <summary>
/// Bootstrap draws over two ladders at once. Rungs with the same width and seed in both ladders are drawn together (the
/// same index for both), so noise they share — the seed's data order — moves both fits alike and cancels in their
/// difference; rungs without a partner are resampled within their own ladder.
/// </summary>
public sealed class PairedResampling
{
    readonly (int A, int B)[] _pairs;
    readonly int[] _onlyA, _onlyB;

    public PairedResampling(IReadOnlyList<ComparedRung> a, IReadOnlyList<ComparedRung> b)
    {
        var indexInB = b.Select((rung, i) => (Key: (rung.Width, rung.Seed), i)).ToDictionary(p => p.Key, p => p.i);
        var pairs = new List<(int, int)>();
        var onlyA = new List<int>();
        for (int i = 0; i < a.Count; i++)
        {
            if (indexInB.Remove((a[i].Width, a[i].Seed), out int j)) pairs.Add((i, j));
            else onlyA.Add(i);
        }
        _pairs = [.. pairs];
        _onlyA = [.. onlyA];
        _onlyB = [.. indexInB.Values.Order()];
    }

    /// <summary>Rungs drawn together.</summary>
    public int PairedRungs => _pairs.Length;

    public int UnpairedRungs => _onlyA.Length + _onlyB.Length;

    /// <summary>One draw: indices into ladder A and ladder B, each as many as its ladder has rungs.</summary>
    public (int[] A, int[] B) Draw(Random random)
    {
        var a = new List<int>(_pairs.Length + _onlyA.Length);
        var b = new List<int>(_pairs.Length + _onlyB.Length);
        for (int k = 0; k < _pairs.Length; k++)
        {
            var (i, j) = _pairs[random.Next(_pairs.Length)];
            a.Add(i);
            b.Add(j);
        }
        for (int k = 0; k < _onlyA.Length; k++) a.Add(_onlyA[random.Next(_onlyA.Length)]);
        for (int k = 0; k < _onlyB.Length; k++) b.Add(_onlyB[random.Next(_onlyB.Length)]);
        return ([.. a], [.. b]);
    }
}

namespace NanoLM.Compare;

/// <summary>Where two fitted power laws L = E + A·N^(−α) have the same loss.</summary>
public static class CurveCrossing
{
    // Sizes searched: one parameter to 10^18, far beyond any target; the difference of two such laws has at most two roots
    // (its derivative in log N is a difference of two exponentials, which changes sign at most once).
    const double SmallestSize = 1, LargestSize = 1e18;
    const int GridPoints = 2_000;

    /// <summary>Every N where <paramref name="a"/> and <paramref name="b"/> predict the same loss, smallest first.</summary>
    public static IReadOnlyList<double> Find(Func<double, double> a, Func<double, double> b)
    {
        double Difference(double logN) => a(Math.Exp(logN)) - b(Math.Exp(logN));
        double lo = Math.Log(SmallestSize), step = (Math.Log(LargestSize) - lo) / (GridPoints - 1);
        var roots = new List<double>();
        // Exact zeros are skipped and bracketed by the nearest non-zero values on either side, so identical curves have no crossing.
        double lastX = lo, last = Difference(lo);
        for (int i = 1; i < GridPoints; i++)
        {
            double x = lo + i * step, value = Difference(x);
            if (value == 0 || !double.IsFinite(value)) continue;
            if (last != 0 && Math.Sign(value) != Math.Sign(last)) roots.Add(Math.Exp(Bisect(Difference, lastX, x)));
            (lastX, last) = (x, value);
        }
        return roots;
    }

    static double Bisect(Func<double, double> f, double lo, double hi)
    {
        double fLo = f(lo);
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            double mid = (lo + hi) / 2, fMid = f(mid);
            if (Math.Sign(fMid) == Math.Sign(fLo)) (lo, fLo) = (mid, fMid);
            else hi = mid;
        }
        return (lo + hi) / 2;
    }
}

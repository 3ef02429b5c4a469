namespace NanoLM.Fitting;

/// <summary>
/// Finds the end of a training curve's initial plateau from its local log-log slope k(s) = −Δlog L / Δlog s. After the
/// first fast descent the curve flattens (k small), then escapes (k rises) and from the steepest point of the escape on it
/// bends like a power law again (k falls). That steepest point is the burn-in: checkpoints before it mix the time a width
/// needs to leave the plateau with its capacity, which is what makes fixed-step ladders staircases.
/// </summary>
public static class PlateauDetector
{
    /// <summary>k is measured between s/ρ and s: half as many steps again, coarse enough to ride over batch noise.</summary>
    public const double SlopeRatio = 1.5;

    /// <summary>Each loss is averaged with its neighbours within ±8 % of its step: a window even in log steps, as k is.</summary>
    public const double SmoothingWidth = 0.08;

    /// <summary>An escape at least doubles the plateau's slope; the annealing of a cosine schedule lifts k by ~1.5× at most.</summary>
    public const double EscapeFactor = 2.0;

    /// <summary>Below this slope the loss falls less than 2 % while the step grows by half: a plateau. An escape also rises by at least this much.</summary>
    public const double FlatSlope = 0.05;

    /// <summary>Only the first three quarters are searched: the last quarter of a decaying schedule steepens every curve.</summary>
    public const double EscapeWindow = 0.75;

    /// <summary>
    /// Detects the plateau of one curve. <paramref name="steps"/> increase strictly; each loss is smoothed over its
    /// neighbours within <see cref="SmoothingWidth"/> of its step, which averages the training loss of every step and
    /// leaves sparse validation checkpoints as they are.
    /// </summary>
    public static PlateauReport Detect(IReadOnlyList<long> steps, IReadOnlyList<double> losses, long warmup)
    {
        int n = steps.Count;
        if (n != losses.Count) throw new ArgumentException("steps and losses differ in length", nameof(losses));
        if (n < 3) return new PlateauReport(n == 0 ? null : steps[0], false, false, double.NaN, double.NaN);
        var smooth = Smooth(steps, losses);
        long first = Math.Max(warmup, (long)Math.Ceiling(steps[0] * SlopeRatio));
        double last = steps[^1] * EscapeWindow;

        var window = new List<(long Step, double Slope)>();
        for (int i = 0; i < n; i++)
        {
            if (steps[i] < first || steps[i] > last) continue;
            int j = IndexAtOrBefore(steps, steps[i] / SlopeRatio);
            if (j < 0 || j == i || !(smooth[j] > 0 && smooth[i] > 0)) continue;
            window.Add((steps[i], Math.Log(smooth[j] / smooth[i]) / Math.Log((double)steps[i] / steps[j])));
        }
        if (window.Count == 0) return new PlateauReport(steps.FirstOrDefault(s => s >= warmup, steps[^1]), false, false, double.NaN, double.NaN);

        int low = 0;
        for (int i = 1; i < window.Count; i++)
            if (window[i].Slope < window[low].Slope) low = i;
        int peak = low;
        for (int i = low + 1; i < window.Count; i++)
            if (window[i].Slope > window[peak].Slope) peak = i;
        double plateau = window[low].Slope, escape = window[peak].Slope;

        if (peak > low && escape >= EscapeFactor * Math.Max(plateau, FlatSlope / 2) && escape - plateau >= FlatSlope)
            return new PlateauReport(window[peak].Step, true, false, plateau, escape);
        if (plateau < FlatSlope && (low == window.Count - 1 || escape < FlatSlope))
            return new PlateauReport(null, true, true, plateau, escape);
        return new PlateauReport(window[0].Step, false, false, plateau, escape);
    }

    /// <summary>The ladder's burn-in: the latest of its runs' (every run is past its plateau from there on); null when none is known.</summary>
    public static long? LadderBurnIn(IEnumerable<PlateauReport> runs)
    {
        var known = runs.Where(r => r.BurnIn is not null).Select(r => r.BurnIn!.Value).ToList();
        return known.Count == 0 ? null : known.Max();
    }

    static double[] Smooth(IReadOnlyList<long> steps, IReadOnlyList<double> values)
    {
        int n = values.Count;
        var sums = new double[n + 1];
        var counts = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            bool finite = double.IsFinite(values[i]);
            sums[i + 1] = sums[i] + (finite ? values[i] : 0);
            counts[i + 1] = counts[i] + (finite ? 1 : 0);
        }
        var smooth = new double[n];
        int from = 0, to = 0;
        for (int i = 0; i < n; i++)
        {
            double low = steps[i] * (1 - SmoothingWidth), high = steps[i] * (1 + SmoothingWidth);
            while (steps[from] < low) from++;
            to = Math.Max(to, i);
            while (to + 1 < n && steps[to + 1] <= high) to++;
            int count = counts[to + 1] - counts[from];
            smooth[i] = count > 0 ? (sums[to + 1] - sums[from]) / count : double.NaN;
        }
        return smooth;
    }

    static int IndexAtOrBefore(IReadOnlyList<long> steps, double step)
    {
        int found = -1;
        for (int i = 0; i < steps.Count && steps[i] <= step; i++) found = i;
        return found;
    }
}

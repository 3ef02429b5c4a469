using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>
/// One point of the search: a width and a setting of the searched hyperparameters, scored by the mean final validation
/// loss over its seeds (+∞ when one of them diverged, so the point never wins). <see cref="Trial"/> is its first seed,
/// the run a ladder rung at that width shares.
/// </summary>
public sealed record SearchPoint(Trial Trial, double Loss)
{
    public int Width => Trial.Width;

    public Hyperparameters Hyperparameters => Trial.Settings.Hyperparameters;
}

/// <summary>Scores the proxy search and picks its winner: the one rule the plan trains by and the report shows.</summary>
public static class SearchSelection
{
    /// <summary>
    /// The points of the trials that have a result (a diverged trial passed as NaN or +∞), each the mean over its seeds.
    /// </summary>
    public static IReadOnlyList<SearchPoint> Score(IEnumerable<Trial> searchTrials, IReadOnlyDictionary<string, double> validationLosses) =>
    [
        .. searchTrials
            .Select(trial => (Trial: trial, Found: validationLosses.TryGetValue(trial.Identity.Hash, out double loss), Loss: loss))
            .Where(scored => scored.Found)
            .GroupBy(scored => (scored.Trial.Width, scored.Trial.Settings.Hyperparameters))
            .Select(point => new SearchPoint(point.MinBy(s => s.Trial.Seed).Trial, point.Average(s => double.IsNaN(s.Loss) ? double.PositiveInfinity : s.Loss))),
    ];

    /// <summary>
    /// The best point by <see cref="Score"/>, or null while some trial has no result (a UserError when all diverged).
    /// Ties go to the smaller LR (the safer side of the optimum), then to smaller σ and α_out, then to the identity, so
    /// the choice never depends on the order results arrived in.
    /// When the search sweeps several widths, only the widest competes: it is the closest to the ladder's wide rungs and
    /// the target, where the optimum matters most (on a short CPU run the optimum drifts with width; docs/architecture.md, goals).
    /// </summary>
    public static SearchOutcome? Best(IEnumerable<Trial> searchTrials, IReadOnlyDictionary<string, double> validationLosses)
    {
        var trials = searchTrials.ToList();
        if (trials.Count == 0 || trials.Any(t => !validationLosses.ContainsKey(t.Identity.Hash))) return null;
        var scored = Score(trials, validationLosses);
        int widest = scored.Max(p => p.Width);
        var points = scored.Where(p => p.Width == widest).ToList();
        if (points.All(p => double.IsPositiveInfinity(p.Loss)))
            throw new UserError($"all {points.Count} search points diverged; lower the learning rates in search.grid.lr (or search.random.lr)");
        var best = points
            .OrderBy(p => p.Loss)
            .ThenBy(p => p.Trial.Settings.Lr)
            .ThenBy(p => p.Trial.Settings.InitStd)
            .ThenBy(p => p.Trial.Settings.AlphaOut)
            .ThenBy(p => p.Trial.Identity.Hash, StringComparer.Ordinal)
            .First();
        return new SearchOutcome(best.Trial, best.Loss);
    }
}

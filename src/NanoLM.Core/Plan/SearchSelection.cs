namespace NanoLM.Plan;

/// <summary>Picks the winner of the proxy search once every search trial has a result.</summary>
public static class SearchSelection
{
    /// <summary>
    /// The best point by final validation loss, averaged over its seeds (search.seeds), or null while some trial has no
    /// result (a UserError when all diverged). A diverged trial should be passed as NaN or +∞: it counts as done, and its
    /// point never wins. Ties go to the smaller LR (the safer side of the optimum), then to smaller σ and α_out, then to
    /// the identity, so the choice never depends on the order results arrived in. The outcome names the point's first
    /// seed, the run a ladder rung at the proxy width shares.
    /// When the search sweeps several widths, only the widest competes: it is the closest to the ladder's wide rungs and
    /// the target, where the optimum matters most (on a short CPU run the optimum drifts with width; docs/architecture.md, goals).
    /// </summary>
    public static SearchOutcome? Best(IEnumerable<Trial> searchTrials, IReadOnlyDictionary<string, double> validationLosses)
    {
        var scored = new List<(Trial Trial, double Loss)>();
        foreach (var trial in searchTrials)
        {
            if (!validationLosses.TryGetValue(trial.Identity.Hash, out double loss)) return null;
            scored.Add((trial, double.IsNaN(loss) ? double.PositiveInfinity : loss));
        }
        if (scored.Count == 0) return null;
        int widest = scored.Max(s => s.Trial.Width);
        var points = scored.Where(s => s.Trial.Width == widest)
            .GroupBy(s => s.Trial.Settings.Hyperparameters)
            .Select(g => (Trial: g.MinBy(s => s.Trial.Seed).Trial, Loss: g.Average(s => s.Loss)))
            .ToList();
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

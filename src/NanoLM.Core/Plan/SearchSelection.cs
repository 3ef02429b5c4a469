namespace NanoLM.Plan;

/// <summary>Picks the winner of the proxy search once every search trial has a result.</summary>
public static class SearchSelection
{
    /// <summary>
    /// The best trial by final validation loss, or null while some trial has no result (a UserError when all diverged). A diverged trial should be passed as
    /// NaN or +∞: it counts as done and never wins. Ties go to the smaller LR (the safer side of the optimum), then
    /// to smaller σ and α_out, then to the identity, so the choice never depends on the order results arrived in.
    /// When the search sweeps several widths, only the widest competes: it is the closest to the ladder's wide rungs and
    /// the target, where the optimum matters most (on a short CPU run the optimum drifts with width; DESIGN §8).
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
        scored = [.. scored.Where(s => s.Trial.Width == widest)];
        if (scored.All(s => double.IsPositiveInfinity(s.Loss)))
            throw new UserError($"all {scored.Count} search trials diverged; lower the learning rates in search.grid.lr (or search.random.lr)");
        var best = scored
            .OrderBy(s => s.Loss)
            .ThenBy(s => s.Trial.Settings.Lr)
            .ThenBy(s => s.Trial.Settings.InitStd)
            .ThenBy(s => s.Trial.Settings.AlphaOut)
            .ThenBy(s => s.Trial.Identity.Hash, StringComparer.Ordinal)
            .First();
        return new SearchOutcome(best.Trial, best.Loss);
    }
}

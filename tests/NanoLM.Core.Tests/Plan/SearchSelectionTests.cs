using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Plan;

public class SearchSelectionTests
{
    static IReadOnlyList<Trial> Search(int proxyWidth, int? steps = null) => [.. PlanBuilder.Build(SpecLoader.Parse($"""
        name: search
        model: {"{"} depth: 2, head_dim: 8, base_width: 32 {"}"}
        train: {"{"} steps: 1200, warmup: 100 {"}"}
        search:
          proxy_width: {proxyWidth}
          {(steps is null ? "" : $"steps: {steps}")}
          grid: {"{"} lr: [0.01, 0.02, 0.04] {"}"}
        """, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow()).SearchTrials];

    [Fact]
    public void Search_runs_as_many_steps_as_the_ladder_unless_told_otherwise()
    {
        Assert.All(Search(32), t => Assert.Equal(1200, t.Settings.Steps));
        Assert.All(Search(32, steps: 600), t => Assert.Equal(600, t.Settings.Steps));
    }

    [Fact]
    public void With_several_swept_widths_only_the_widest_picks_the_learning_rate()
    {
        // The narrow proxy prefers 0.04 (its optimum sits higher, as on short runs); the wide one prefers 0.01.
        var narrow = Search(32);
        var wide = Search(64);
        var losses = narrow.ToDictionary(t => t.Identity.Hash, t => t.Settings.Lr == 0.04 ? 1.0 : 1.3);
        foreach (var t in wide) losses[t.Identity.Hash] = t.Settings.Lr == 0.01 ? 1.1 : 1.2;

        var best = SearchSelection.Best([.. narrow, .. wide], losses)!;

        Assert.Equal(64, best.Best.Width);
        Assert.Equal(0.01, best.Best.Settings.Lr);
    }

    [Fact]
    public void The_winner_waits_for_every_width_s_results()
    {
        var narrow = Search(32);
        var wide = Search(64);
        var losses = wide.ToDictionary(t => t.Identity.Hash, _ => 1.1);

        Assert.Null(SearchSelection.Best([.. narrow, .. wide], losses));
    }
}

using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Plan;

public class SearchSelectionTests
{
    static IReadOnlyList<Trial> Search(int proxyWidth, int? steps = null, int seeds = 1) => [.. PlanBuilder.Build(SpecLoader.Parse($"""
        name: search
        model: {"{"} depth: 2, head_dim: 8, base_width: 32 {"}"}
        train: {"{"} steps: 1200, warmup: 100, seed: 5 {"}"}
        search:
          proxy_width: {proxyWidth}
          seeds: {seeds}
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

    [Fact]
    public void With_several_seeds_each_point_is_trained_per_seed_and_wins_on_its_mean()
    {
        var trials = Search(32, seeds: 3);
        Assert.Equal(9, trials.Count);
        Assert.Equal([5, 6, 7], trials.Where(t => t.Settings.Lr == 0.02).Select(t => t.Seed).Order());

        // Seed 5 alone would pick 0.01 (1.10 against 1.12); over three seeds 0.02 is better (1.12 against 1.14).
        var losses = trials.ToDictionary(t => t.Identity.Hash, t => (t.Settings.Lr, t.Seed) switch
        {
            (0.01, 5) => 1.10, (0.01, _) => 1.16,
            (0.02, _) => 1.12,
            _ => 1.30,
        });
        var outcome = SearchSelection.Best(trials, losses)!;

        Assert.Equal(0.02, outcome.Best.Settings.Lr);
        Assert.Equal(5, outcome.Best.Seed);
        Assert.Equal(1.12, outcome.ValidationLoss, 12);
    }

    [Fact]
    public void A_point_with_one_diverged_seed_never_wins_and_one_unfinished_seed_holds_the_choice()
    {
        var trials = Search(32, seeds: 2);
        var losses = trials.ToDictionary(t => t.Identity.Hash, t => (t.Settings.Lr, t.Seed) switch
        {
            (0.04, 6) => double.NaN,
            (0.04, _) => 1.00,
            _ => 1.20,
        });
        Assert.Equal(0.01, SearchSelection.Best(trials, losses)!.Best.Settings.Lr);

        losses.Remove(trials.First(t => t.Settings.Lr == 0.02 && t.Seed == 6).Identity.Hash);
        Assert.Null(SearchSelection.Best(trials, losses));
    }

    [Fact]
    public void Search_seeds_are_read_written_back_and_bounded()
    {
        var options = new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 };
        var spec = SpecLoader.Parse("search:\n  seeds: 3\n", "nanolm.yaml", options).SpecOrThrow();
        Assert.Equal(3, spec.Search.Seeds);
        Assert.Equal(3, SpecLoader.Parse(SpecWriter.ToYaml(spec), "nanolm.yaml", options).SpecOrThrow().Search.Seeds);
        Assert.DoesNotContain("seeds", SpecWriter.ToYaml(new ExperimentSpec()).Split("search:")[1].Split("ladder:")[0]);

        var bad = SpecLoader.Parse("search:\n  seeds: 0\n", "nanolm.yaml", options);
        var error = Assert.Single(bad.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((2, DiagnosticCodes.OutOfRange), (error.Line, error.Code));
    }

    [Fact]
    public void Scoring_averages_seeds_of_recorded_trials_and_marks_a_point_with_a_diverged_seed_infinite()
    {
        var trials = Search(32, seeds: 2);
        var losses = new Dictionary<string, double>();
        foreach (var t in trials.Where(t => t.Settings.Lr == 0.01)) losses[t.Identity.Hash] = t.Seed == 5 ? 1.0 : 1.2;
        foreach (var t in trials.Where(t => t.Settings.Lr == 0.02)) losses[t.Identity.Hash] = t.Seed == 5 ? 0.9 : double.NaN;
        losses[trials.First(t => t.Settings.Lr == 0.04 && t.Seed == 6).Identity.Hash] = 1.4;   // seed 5 still training

        var points = SearchSelection.Score(trials, losses).ToDictionary(p => p.Hyperparameters.Lr);

        Assert.Equal(1.1, points[0.01].Loss, 12);
        Assert.Equal(5, points[0.01].Trial.Seed);
        Assert.True(double.IsPositiveInfinity(points[0.02].Loss));
        Assert.Equal(1.4, points[0.04].Loss);
        Assert.Null(SearchSelection.Best(trials, losses));
    }
}

using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Plan;

public class PlanBuilderTests
{
    const string Yaml = """
        name: tiny
        search:
          grid:
            lr: [0.003, 0.01, 0.03]
            output_mult: [1, 2]
        ladder:
          widths: [32, 64, 128, 256]
          seeds: 2
        targets:
          - width: 1024
            verify: true
          - params: 10000000
        """;

    static ExperimentSpec Spec(string yaml = Yaml) =>
        SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();

    static Dictionary<string, double> Losses(ExperimentPlan plan, Func<Trial, double> loss) =>
        plan.SearchTrials.ToDictionary(t => t.Identity.Hash, loss);

    [Fact]
    public void Same_spec_text_gives_the_same_trials_and_identities()
    {
        var first = PlanBuilder.Build(Spec());
        var second = PlanBuilder.Build(Spec());
        Assert.Equal(first.Trials.Select(t => t.Identity), second.Trials.Select(t => t.Identity));
        Assert.Equal(first.Trials.Select(t => t.Settings), second.Trials.Select(t => t.Settings));
    }

    [Fact]
    public void Search_is_the_grid_product_on_the_proxy_at_the_base_width()
    {
        var search = PlanBuilder.Build(Spec()).SearchTrials.ToList();
        Assert.Equal(6, search.Count);
        Assert.All(search, t => Assert.Equal(32, t.Width));
        Assert.Equal([0.003, 0.003, 0.01, 0.01, 0.03, 0.03], search.Select(t => t.Settings.Lr));
        Assert.Equal([1.0, 2.0, 1.0, 2.0, 1.0, 2.0], search.Select(t => t.Settings.AlphaOut));
        Assert.Equal(search.Count, search.Select(t => t.Identity).Distinct().Count());
    }

    [Fact]
    public void Ladder_and_targets_await_the_search_until_every_search_trial_has_a_result()
    {
        var plan = PlanBuilder.Build(Spec());
        var partial = Losses(plan, t => 3.0);
        partial.Remove(plan.SearchTrials.First().Identity.Hash);
        Assert.True(plan.AwaitsSearch);
        Assert.True(PlanBuilder.Build(Spec(), partial).AwaitsSearch);
        Assert.All(plan.LadderTrials, t => Assert.True(t.AwaitsSearch));
    }

    [Fact]
    public void Ladder_trains_every_width_and_seed_at_the_search_winner()
    {
        var plan = PlanBuilder.Build(Spec());
        var winner = plan.SearchTrials.Single(t => t.Settings.Lr == 0.01 && t.Settings.AlphaOut == 2.0);
        var done = PlanBuilder.Build(Spec(), Losses(plan, t => t == winner ? 2.5 : 3.0));
        Assert.False(done.AwaitsSearch);
        Assert.Equal(winner.Identity, done.Search!.Best.Identity);
        var ladder = done.LadderTrials.ToList();
        Assert.Equal([32, 32, 64, 64, 128, 128, 256, 256], ladder.Select(t => t.Width));
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1], ladder.Select(t => t.Seed));
        Assert.All(ladder, t => Assert.Equal(winner.Settings.Hyperparameters, t.Settings.Hyperparameters));
    }

    [Fact]
    public void Seeds_by_width_train_other_seed_counts_at_those_widths_and_share_the_runs_of_the_uniform_ladder()
    {
        var uniform = PlanBuilder.Build(Spec()).LadderTrials.ToList();
        var mixed = PlanBuilder.Build(Spec(Yaml.Replace("  seeds: 2", "  seeds: 2\n  seeds_by_width: { 256: 3, 32: 1 }"))).LadderTrials.ToList();

        Assert.Equal([32, 64, 64, 128, 128, 256, 256, 256], mixed.Select(t => t.Width));
        Assert.Equal([0, 0, 1, 0, 1, 0, 1, 2], mixed.Select(t => t.Seed));
        // A run both ladders hold is the same run, so a store trained for one serves the other.
        Assert.Equal(uniform.Where(t => t.Width != 32 || t.Seed == 0).Select(t => t.Identity), mixed.Where(t => t.Seed < 2).Select(t => t.Identity));
    }

    [Fact]
    public void A_rung_in_search_rungs_is_searched_on_its_own_and_trains_at_its_own_winner()
    {
        // The proxy (32) prefers 0.03, width 64's own search 0.003; width 128 and the targets take the proxy's.
        var spec = Spec(Yaml.Replace("  grid:", "  rungs: [64]\n  grid:"));
        var plan = PlanBuilder.Build(spec);
        Assert.Equal([32, 64], plan.SearchTrials.Select(t => t.Width).Distinct());
        Assert.Equal(12, plan.SearchTrials.Count());
        Assert.All(plan.LadderTrials.Concat(plan.TargetTrials), t => Assert.True(t.AwaitsSearch));

        var proxyDone = plan.SearchTrials.Where(t => t.Width == 32).ToDictionary(t => t.Identity.Hash, t => t.Settings.Lr == 0.03 ? 2.5 : 3.0);
        var halfway = PlanBuilder.Build(spec, proxyDone);
        Assert.All(halfway.LadderTrials, t => Assert.Equal(t.Width == 64, t.AwaitsSearch));
        Assert.All(halfway.TargetTrials, t => Assert.False(t.AwaitsSearch));
        Assert.Empty(halfway.RungSearches);

        var done = PlanBuilder.Build(spec, Losses(plan, t => (t.Width, t.Settings.Lr, t.Settings.AlphaOut) switch
        {
            (32, 0.03, 1.0) => 2.5,
            (64, 0.003, 2.0) => 2.4,
            _ => 3.0,
        }));
        Assert.False(done.AwaitsSearch);
        Assert.Equal(0.03, done.Search!.Best.Settings.Lr);
        var own = Assert.Single(done.RungSearches);
        Assert.Equal((64, 0.003, 2.0), (own.Best.Width, own.Best.Settings.Lr, own.Best.Settings.AlphaOut));
        Assert.All(done.LadderTrials, t => Assert.Equal(t.Width == 64 ? own.Best.Settings.Hyperparameters : done.LadderHyperparameters, t.Settings.Hyperparameters));
        Assert.All(done.TargetTrials, t => Assert.Equal(done.LadderHyperparameters, t.Settings.Hyperparameters));
        // Each searched width's first ladder seed is its search's winning run, trained once.
        Assert.Contains(own.Best.Identity, done.LadderTrials.Select(t => t.Identity));
        Assert.Equal(done.Trials.Count(t => t.Trains) - 2, done.TrainedTrials.Count);
    }

    [Fact]
    public void Rung_lr_replaces_the_grid_s_learning_rates_at_the_rungs_only()
    {
        var plan = PlanBuilder.Build(Spec(Yaml.Replace("  grid:", "  rungs: [64]\n  rung_lr: [0.001, 0.003]\n  grid:")));
        var byWidth = plan.SearchTrials.GroupBy(t => t.Width).ToDictionary(g => g.Key, g => g.Select(t => (t.Settings.Lr, t.Settings.AlphaOut)).ToList());
        Assert.Equal([(0.003, 1.0), (0.003, 2.0), (0.01, 1.0), (0.01, 2.0), (0.03, 1.0), (0.03, 2.0)], byWidth[32]);
        Assert.Equal([(0.001, 1.0), (0.001, 2.0), (0.003, 1.0), (0.003, 2.0)], byWidth[64]);
    }

    [Fact]
    public void Ties_in_validation_loss_go_to_the_smaller_learning_rate()
    {
        var plan = PlanBuilder.Build(Spec());
        var done = PlanBuilder.Build(Spec(), Losses(plan, t => t.Settings.Lr == 0.003 ? 3.1 : 2.9));
        Assert.Equal(0.01, done.Search!.Best.Settings.Lr);
        Assert.Equal(1.0, done.Search.Best.Settings.AlphaOut);
    }

    [Fact]
    public void Diverged_search_trials_never_win()
    {
        var plan = PlanBuilder.Build(Spec());
        var done = PlanBuilder.Build(Spec(), Losses(plan, t => t.Settings.Lr == 0.03 ? double.NaN : 3 - t.Settings.Lr));
        Assert.Equal(0.01, done.Search!.Best.Settings.Lr);
    }

    [Fact]
    public void A_second_plan_over_the_same_spec_and_results_gives_the_same_ids()
    {
        var plan = PlanBuilder.Build(Spec());
        var results = Losses(plan, t => 3 + t.Settings.Lr);
        Assert.Equal(
            PlanBuilder.Build(Spec(), results).Trials.Select(t => t.Identity.Hash),
            PlanBuilder.Build(Spec(), new Dictionary<string, double>(results.Reverse())).Trials.Select(t => t.Identity.Hash));
    }

    [Fact]
    public void A_ladder_rung_at_the_proxy_width_with_the_winning_values_is_the_search_run_itself()
    {
        var plan = PlanBuilder.Build(Spec("ladder:\n  widths: [32, 64, 128, 256]\n"));
        var done = PlanBuilder.Build(plan.Spec, Losses(plan, t => t.Settings.Lr == 0.01 ? 2.0 : 3.0));
        var rung = done.LadderTrials.First();
        Assert.Equal(done.Search!.Best.Identity, rung.Identity);
        Assert.Equal(plan.SearchTrials.Count() + 3, done.TrainedTrials.Count);
    }

    [Fact]
    public void Target_by_parameters_gets_the_head_dim_multiple_closest_in_log()
    {
        var target = PlanBuilder.Build(Spec()).TargetTrials.Last();
        Assert.Equal(0, target.Width % 8);
        Assert.InRange(target.NonEmbeddingParameters, 9_000_000, 11_000_000);
        Assert.False(target.Trains);
    }

    [Fact]
    public void Random_search_is_reproducible_from_its_seed_and_stays_in_range()
    {
        const string random = "search:\n  random:\n    budget: 5\n    seed: 11\n    lr: [0.001, 0.1]\n    init_std: [0.01, 0.05]\n";
        var first = PlanBuilder.Build(Spec(random)).SearchTrials.Select(t => t.Settings.Hyperparameters).ToList();
        var again = PlanBuilder.Build(Spec(random)).SearchTrials.Select(t => t.Settings.Hyperparameters).ToList();
        var other = PlanBuilder.Build(Spec(random.Replace("seed: 11", "seed: 12"))).SearchTrials.Select(t => t.Settings.Hyperparameters).ToList();
        Assert.Equal(5, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, p => Assert.InRange(p.Lr, 0.001, 0.1));
        Assert.All(first, p => Assert.InRange(p.InitStd, 0.01, 0.05));
        Assert.All(first, p => Assert.Equal(1.0, p.OutputMult));
    }

    [Fact]
    public void Disabled_search_trains_the_ladder_at_the_spec_values_at_once()
    {
        var plan = PlanBuilder.Build(Spec("search:\n  enabled: false\ntrain:\n  optimizer:\n    lr: 0.02\n"));
        Assert.Empty(plan.SearchTrials);
        Assert.False(plan.AwaitsSearch);
        Assert.All(plan.LadderTrials, t => Assert.Equal(0.02, t.Settings.Lr));
    }
}

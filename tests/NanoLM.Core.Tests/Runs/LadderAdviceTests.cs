using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;

namespace NanoLM.Tests.Runs;

public class LadderAdviceTests
{
    const string Yaml = """
        name: advice
        model: { depth: 2, head_dim: 8, seq_len: 64, base_width: 32 }
        train: { batch: 16, steps: 1200, warmup: 100, eval_interval: 200 }
        search:
          proxy_width: 32
          grid: { lr: [0.01, 0.02] }
        ladder: { widths: [32, 48, 64, 96, 128], seeds: 3 }
        targets:
          - width: 384
        """;

    static ExperimentPlan Plan(string yaml = Yaml) =>
        PlanBuilder.Build(SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow());

    [Fact]
    public void A_ladder_with_four_heads_three_seeds_and_a_nine_fold_target_gets_no_advice()
    {
        Assert.Empty(LadderAdvice.For(Plan(), []));
    }

    [Fact]
    public void Rungs_with_fewer_than_four_heads_are_named_with_a_head_dim_that_fixes_them()
    {
        var advice = LadderAdvice.For(Plan(Yaml.Replace("head_dim: 8", "head_dim: 16")), []);

        Assert.Contains(advice, a => a.Contains("32, 48") && a.Contains("fewer than 4 attention heads") && a.Contains("head_dim to 8"));
    }

    [Fact]
    public void A_search_at_another_step_count_is_called_out()
    {
        var advice = LadderAdvice.For(Plan(Yaml.Replace("proxy_width: 32", "proxy_width: 32\n  steps: 600")), []);

        Assert.Contains(advice, a => a.Contains("search.steps (600)") && a.Contains("search.steps: 1200"));
    }

    [Fact]
    public void A_search_run_that_never_left_the_plateau_says_the_steps_end_inside_it()
    {
        var plan = Plan();
        var proxy = plan.SearchTrials.First();

        var advice = LadderAdvice.For(plan, [(proxy, new PlateauReport(null, true, true, 0.01, 0.02))]);

        Assert.Contains(advice, a => a.Contains("had not left the initial loss plateau") && a.Contains("more steps"));
    }

    [Fact]
    public void A_late_escape_asks_for_twice_its_steps()
    {
        var plan = Plan();
        var proxy = plan.SearchTrials.First();

        var advice = LadderAdvice.For(plan, [(proxy, new PlateauReport(800, true, false, 0.01, 0.3))]);

        Assert.Contains(advice, a => a.Contains("only at step 800 of 1200") && a.Contains("at least 1600 steps"));
    }

    [Fact]
    public void One_seed_or_a_target_beyond_the_ladder_s_span_cannot_reach_the_error_goal()
    {
        var advice = LadderAdvice.For(Plan(Yaml.Replace("seeds: 3", "seeds: 1").Replace("width: 384", "width: 1024")), []);

        Assert.Contains(advice, a => a.Contains("one seed per rung") && a.Contains("ladder.seeds: 2"));
        Assert.Contains(advice, a => a.Contains("further than the ladder spans") && a.Contains("up to width 184"));
    }

    [Fact]
    public void The_quickstart_s_design_is_told_how_far_seed_noise_moves_its_prediction_and_how_many_seeds_would_do()
    {
        var yaml = Yaml.Replace("widths: [32, 48, 64, 96, 128], seeds: 3", "widths: [32, 64, 96, 128], seeds: 1").Replace("width: 384", "width: 512");

        var advice = LadderAdvice.For(Plan(yaml), []);

        // One run's assumed 1 % reaches a target 16× the widest rung 1.97× over: ±1.97 %, so four seeds per rung (1.97² ≈ 3.9).
        Assert.Contains(advice, a => a.Contains("about ±1.97 % (1 sd)") && a.Contains("1.97× over") && a.Contains("4 seeds per rung"));
    }

    [Fact]
    public void More_seeds_at_the_widest_rung_lower_the_noise_carried_to_the_target_and_measure_it()
    {
        var yaml = Yaml.Replace("widths: [32, 48, 64, 96, 128], seeds: 3", "widths: [32, 64, 96, 128], seeds: 1, seeds_by_width: { 128: 4 }").Replace("width: 384", "width: 512");

        var advice = LadderAdvice.For(Plan(yaml), []);

        var noise = Assert.Single(advice, a => a.Contains("seed noise alone"));
        Assert.DoesNotContain("1.97× over", noise);
        Assert.Contains("with 1 seed per width (4 at 128); 4 seeds per rung", noise);
        Assert.DoesNotContain(advice, a => a.StartsWith("one seed per rung"));
    }

    [Fact]
    public void A_measured_lower_run_noise_needs_fewer_seeds_and_none_when_it_is_off()
    {
        var yaml = Yaml.Replace("widths: [32, 48, 64, 96, 128], seeds: 3", "widths: [32, 64, 96, 128], seeds: 1").Replace("width: 384", "width: 512") + "\n";

        Assert.Contains(LadderAdvice.For(Plan(yaml + "predict: { assumed_run_noise: 0.006 }"), []), a => a.Contains("±1.18 %") && a.Contains("2 seeds per rung"));
        Assert.DoesNotContain(LadderAdvice.For(Plan(yaml + "predict: { assumed_run_noise: 0 }"), []), a => a.Contains("seed noise alone"));
    }

    [Fact]
    public void The_leverage_of_a_straight_line_grows_with_the_distance_beyond_the_ladder_and_falls_with_seeds()
    {
        (double, int)[] one = [(1, 1), (4, 1), (16, 1)];
        (double, int)[] four = [(1, 4), (4, 4), (16, 4)];

        // At the ladder's mean log N only 1/n remains; one seed per rung at three rungs is √(1/3).
        Assert.Equal(Math.Sqrt(1.0 / 3), ExtrapolationLeverage.Factor(one, 4), 10);
        Assert.True(ExtrapolationLeverage.Factor(one, 256) > ExtrapolationLeverage.Factor(one, 64));
        Assert.Equal(ExtrapolationLeverage.Factor(one, 256) / 2, ExtrapolationLeverage.Factor(four, 256), 10);
    }
}

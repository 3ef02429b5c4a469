using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Plan;

public class LadderAdviceTests
{
    const string Yaml = """
        name: advice
        model: { depth: 2, head_dim: 8, seq_len: 64, base_width: 32 }
        train: { batch: 16, steps: 1200, warmup: 100, eval_interval: 200 }
        search:
          proxy_width: 32
          grid: { lr: [0.01, 0.02] }
        ladder: { widths: [32, 48, 64, 96, 128], seeds: 2 }
        targets:
          - width: 384
        """;

    static ExperimentPlan Plan(string yaml = Yaml) =>
        PlanBuilder.Build(SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow());

    [Fact]
    public void A_ladder_with_four_heads_two_seeds_and_a_nine_fold_target_gets_no_advice()
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
        var advice = LadderAdvice.For(Plan(Yaml.Replace("seeds: 2", "seeds: 1").Replace("width: 384", "width: 1024")), []);

        Assert.Contains(advice, a => a.Contains("one seed per rung") && a.Contains("ladder.seeds: 2"));
        Assert.Contains(advice, a => a.Contains("further than the ladder spans") && a.Contains("up to width 184"));
    }
}

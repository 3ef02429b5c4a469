using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Tests.Plan;

public class PlanPreviewTests
{
    static ExperimentPlan Plan(string yaml) =>
        PlanBuilder.Build(SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow());

    [Fact]
    public void Trial_size_and_flops_follow_the_closed_forms()
    {
        var trial = Plan("ladder:\n  widths: [32, 64, 128, 256]\n").LadderTrials.Last();
        Assert.Equal(2 * (12L * 256 * 256 + 4 * 256) + 2 * 256, trial.NonEmbeddingParameters);
        Assert.Equal(ModelSize.TrainingFlopsPerToken(256, 2, 256, 128), trial.FlopsPerToken);
        Assert.Equal(16L * 128 * 1000, trial.Tokens);
        Assert.Equal(trial.FlopsPerToken * trial.Tokens, trial.TrainingFlops);
    }

    [Fact]
    public void Search_and_ladder_cost_is_reported_as_a_fraction_of_one_training_of_the_largest_target()
    {
        var plan = Plan("search:\n  grid:\n    lr: [0.01, 0.02]\nladder:\n  widths: [32, 64, 128, 256]\ntargets:\n  - width: 512\n  - width: 1024\n");
        var preview = PlanPreview.Create(plan, new ThroughputAssumption(10_000));
        // lr 0.01 is also the spec's own value, so the width-32 rung is a search run and counts once.
        double searchAndLadder = plan.SearchTrials.Concat(plan.LadderTrials).DistinctBy(t => t.Identity).Sum(t => t.TrainingFlops);
        double largest = plan.TargetTrials.Last().TrainingFlops;
        Assert.Equal(searchAndLadder / largest, preview.SearchAndLadderFraction!.Value, 12);
        Assert.Equal(0, preview.VerifiedTargetFlops);
    }

    [Fact]
    public void A_run_shared_by_search_and_ladder_is_costed_once()
    {
        // One grid point equal to the spec's own values: the width-32 rung is the search run itself.
        var plan = Plan("search:\n  grid:\n    lr: [0.01]\nladder:\n  widths: [32, 64, 128, 256]\n");
        var preview = PlanPreview.Create(plan, new ThroughputAssumption(10_000));
        var repeated = Assert.Single(preview.Rows, r => r.SameRunAsEarlierTrial);
        Assert.Equal((TrialStage.Ladder, 32), (repeated.Stage, repeated.Width));
        Assert.Equal(plan.LadderTrials.Skip(1).Sum(t => t.TrainingFlops), preview.LadderFlops);
        Assert.Equal(plan.SearchTrials.Single().TrainingFlops, preview.SearchFlops);
    }

    [Fact]
    public void Estimated_time_uses_tokens_per_second_or_scales_by_flops_from_a_reference()
    {
        var plan = Plan("search:\n  enabled: false\nladder:\n  widths: [32, 64, 128, 256]\n");
        var rung = plan.LadderTrials.First();
        Assert.Equal(rung.Tokens / 8_000.0, new ThroughputAssumption(8_000).Seconds(rung), 9);
        var scaled = new ThroughputAssumption(8_000, AtFlopsPerToken: rung.FlopsPerToken / 2);
        Assert.Equal(2 * rung.Tokens / 8_000.0, scaled.Seconds(rung), 9);
        Assert.Equal(plan.LadderTrials.Sum(t => t.Tokens) / 8_000.0, PlanPreview.Create(plan, new ThroughputAssumption(8_000)).EstimatedSeconds, 6);
    }
}

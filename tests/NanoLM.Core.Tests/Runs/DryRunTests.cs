using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Tests.Predictions;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Runs;

/// <summary>`train --dry-run`'s plan, read by the library without the CLI or libtorch.</summary>
public class DryRunTests
{
    static ExperimentSpec Spec() => ExperimentPredictorTests.Spec();

    [Fact]
    public void Without_a_store_every_trial_is_to_train_and_no_store_is_made()
    {
        using var temporary = new TemporaryStore();

        var dryRun = DryRun.Read(Spec(), temporary.Path);

        Assert.True(dryRun.Plan.AwaitsSearch);
        Assert.Equal(2, dryRun.Plan.SearchTrials.Count());
        Assert.Empty(dryRun.Settled);
        Assert.False(File.Exists(temporary.Path));
    }

    [Fact]
    public void After_training_the_settled_runs_are_the_ones_it_would_skip()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        using (var store = temporary.Open())
            new ExperimentRunner(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, new ScriptedTrialTrainer(), new SilentProgress())
                .Run([TrialStage.Search, TrialStage.Ladder], CancellationToken.None);

        var dryRun = DryRun.Read(spec, temporary.Path);

        Assert.False(dryRun.Plan.AwaitsSearch);
        Assert.All(dryRun.Plan.SearchTrials.Concat(dryRun.Plan.LadderTrials), t => Assert.Contains(t.Identity.Hash, dryRun.Settled));
        Assert.DoesNotContain(dryRun.Plan.TargetTrials.Single().Identity.Hash, dryRun.Settled);
    }
}

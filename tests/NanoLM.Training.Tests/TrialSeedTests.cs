using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Training.Runs;

namespace NanoLM.Tests;

public class TrialSeedTests
{
    static readonly TrialExecution Execution = new(TrainingDevice.Cpu, CheckpointInterval: 0);

    static (long Init, long Data) SeedsOf(TrainSpec train, int seed)
    {
        var spec = new ExperimentSpec { Train = train };
        var settings = TorchTrialTrainer.TrainingFor(ResolvedSettings.For(spec, 32, seed, 10, Hyperparameters.FromSpec(spec)), Execution);
        return (settings.InitSeed, settings.DataSeed);
    }

    [Fact]
    public void A_runs_seed_sets_its_init_and_its_batch_order_unless_the_spec_fixes_one_of_them()
    {
        Assert.Equal((5L, 5L), SeedsOf(new TrainSpec(), seed: 5));
        Assert.Equal((5L, 9L), SeedsOf(new TrainSpec { DataOrderSeed = 9 }, seed: 5));
        Assert.Equal((9L, 5L), SeedsOf(new TrainSpec { InitSeed = 9 }, seed: 5));
    }
}

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

    [Fact]
    public void The_final_validation_takes_final_eval_batches_times_the_batch_and_defaults_to_the_usual_windows()
    {
        static (int Usual, int? Final) WindowsOf(TrainSpec train)
        {
            var spec = new ExperimentSpec { Train = train };
            var settings = TorchTrialTrainer.TrainingFor(ResolvedSettings.For(spec, 32, 1, 10, Hyperparameters.FromSpec(spec)), Execution);
            return (settings.ValidationWindows, settings.FinalValidationWindows);
        }
        Assert.Equal((8 * 16, (int?)null), WindowsOf(new TrainSpec { EvalBatches = 8, Batch = 16 }));
        Assert.Equal((8 * 16, (int?)312 * 16), WindowsOf(new TrainSpec { EvalBatches = 8, Batch = 16, FinalEvalBatches = 312 }));
    }
}

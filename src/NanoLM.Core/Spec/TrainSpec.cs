namespace NanoLM.Spec;

/// <summary>The `train:` section: batch, steps, schedule, optimizer and evaluation shared by every trial.</summary>
public sealed record TrainSpec
{
    public int Batch { get; init; } = 16;
    public int Steps { get; init; } = 1000;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;
    /// <summary>Linear warmup: steps, or a share of each run's steps. Specs without the key keep the 100 steps they always had.</summary>
    public WarmupLength Warmup { get; init; } = 100;
    /// <summary>The final LR as a fraction of the peak, for cosine, linear and wsd.</summary>
    public double MinLrRatio { get; init; } = 0.1;
    /// <summary>The fraction of steps spent decaying at the end of a wsd schedule.</summary>
    public double DecayFraction { get; init; } = 0.2;
    public OptimizerSpec Optimizer { get; init; } = new();
    public WeightDecayMode WeightDecayMode { get; init; } = WeightDecayMode.Coupled;
    /// <summary>Global gradient-norm clip; 0 turns clipping off.</summary>
    public double GradClip { get; init; } = 1.0;
    public int Seed { get; init; } = 0;
    /// <summary>Every run's batch order from this seed, so seeds move only the init; null: the order follows the run's seed.</summary>
    public int? DataOrderSeed { get; init; }
    /// <summary>Every run's initial weights from this seed, so seeds move only the batch order; null: the init follows the run's seed.</summary>
    public int? InitSeed { get; init; }
    public int EvalInterval { get; init; } = 100;
    public int EvalBatches { get; init; } = 8;
    /// <summary>
    /// Validation batches of the last step's evaluation, the loss a single-step fit reads: a larger sample there takes
    /// the validation windows' own noise out of the fit (docs/accuracy.md). Null: eval_batches.
    /// </summary>
    public int? FinalEvalBatches { get; init; }

    /// <summary>The windows the last step is validated on.</summary>
    public int FinalValidationWindows => (FinalEvalBatches ?? EvalBatches) * Batch;
    public int CheckpointInterval { get; init; } = 250;
    /// <summary>
    /// The threads each training computes with. libtorch's CPU reductions split their sums by thread count, so another
    /// count gives another result: it is part of the run's identity (left out at the default, which is what runs
    /// recorded before this setting existed used on 2 cores, so they keep their identities).
    /// </summary>
    public int Threads { get; init; } = DefaultThreads;

    public const int DefaultThreads = 2;
    public TrainingDevice Device { get; init; } = TrainingDevice.Cpu;
    public Precision Precision { get; init; } = Precision.Fp32;
}

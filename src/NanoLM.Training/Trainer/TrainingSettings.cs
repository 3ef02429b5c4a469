using Precision = NanoLM.Spec.Precision;
using NanoLM.Training.Optimization;

namespace NanoLM.Training.Trainer;

/// <summary>Everything about one run except the model: steps, batch, optimizer, schedule, evaluation, checkpoints, seeds and hardware.</summary>
public sealed record TrainingSettings
{
    public int Steps { get; init; } = 100;
    public int BatchSize { get; init; } = 16;
    public AdamWSettings Optimizer { get; init; } = new();
    /// <summary>Defaults to a constant multiplier of 1 over <see cref="Steps"/>.</summary>
    public LearningRateCurve? Schedule { get; init; }
    /// <summary>Global gradient-norm clip; 0 turns clipping off.</summary>
    public double GradientClip { get; init; } = 1.0;
    public long InitSeed { get; init; }
    /// <summary>Fixes the batch order; keep it equal across a ladder so every width sees the same tokens.</summary>
    public long DataSeed { get; init; }
    /// <summary>Validate every this many steps (and always after the last); 0 validates only at the end.</summary>
    public int EvaluateEvery { get; init; } = 100;
    public int ValidationWindows { get; init; } = 32;
    /// <summary>Windows of the last step's validation, the final loss; null: <see cref="ValidationWindows"/>.</summary>
    public int? FinalValidationWindows { get; init; }
    /// <summary>Checkpoint every this many steps; 0 writes one only at the end or on interruption.</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>Intra-op threads; 0 leaves libtorch's default.</summary>
    public int Threads { get; init; }
    /// <summary>"cpu" or "cuda" (or "cuda:N").</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>bf16 computes in bf16 and keeps fp32 master weights and moments in the optimizer.</summary>
    public Precision Precision { get; init; } = Precision.Fp32;
    /// <summary>A train loss above this multiple of ln(vocabulary), the loss of a uniform guess, counts as divergence.</summary>
    public double DivergenceFactor { get; init; } = 3.0;

    public LearningRateCurve EffectiveSchedule => Schedule ?? new LearningRateCurve(Spec.LearningRateSchedule.Constant, Steps);
}

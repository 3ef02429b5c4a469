using NanoLM.Spec;

namespace NanoLM.Training.Optimization;

/// <summary>
/// The multiplier a <see cref="LearningRateSchedule"/> puts on every parameter group's own base LR at each step: linear
/// warmup, then cosine, warmup-stable-decay, constant or linear decay down to <see cref="MinRatio"/> at <see cref="TotalSteps"/>.
/// </summary>
public sealed record LearningRateCurve(
    LearningRateSchedule Kind,
    int TotalSteps,
    int WarmupSteps = 0,
    double MinRatio = 0.1,
    double DecayFraction = 0.2)
{
    /// <summary>The multiplier used by optimizer step <paramref name="step"/> (0-based).</summary>
    public double Multiplier(int step)
    {
        if (step < WarmupSteps) return (step + 1.0) / WarmupSteps;
        int horizon = Math.Max(1, TotalSteps - WarmupSteps);
        double progress = Math.Clamp((double)(step - WarmupSteps) / horizon, 0.0, 1.0);
        return Kind switch
        {
            LearningRateSchedule.Constant => 1.0,
            LearningRateSchedule.Cosine => MinRatio + (1 - MinRatio) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            LearningRateSchedule.Linear => 1.0 - (1 - MinRatio) * progress,
            LearningRateSchedule.Wsd => StableThenDecay(step),
            _ => throw new InvalidOperationException($"Unknown schedule {Kind}."),
        };
    }

    // WSD keeps the peak until the last DecayFraction of the run, then decays linearly to MinRatio.
    double StableThenDecay(int step)
    {
        int decaySteps = Math.Max(1, (int)Math.Round(TotalSteps * DecayFraction));
        int decayStart = Math.Max(WarmupSteps, TotalSteps - decaySteps);
        if (step < decayStart) return 1.0;
        double progress = Math.Clamp((double)(step - decayStart) / Math.Max(1, TotalSteps - decayStart), 0.0, 1.0);
        return 1.0 - (1 - MinRatio) * progress;
    }
}

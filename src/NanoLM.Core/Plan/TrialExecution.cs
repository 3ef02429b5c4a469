using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>How to run a trial without changing its result, so these are not part of its identity.</summary>
public sealed record TrialExecution(TrainingDevice Device, int CheckpointInterval)
{
    public static TrialExecution FromSpec(ExperimentSpec spec) =>
        new(spec.Train.Device, spec.Train.CheckpointInterval);
}

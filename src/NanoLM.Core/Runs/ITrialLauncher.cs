using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>Trains one trial in a process of its own, which records it in the store; used by `train --jobs N`.</summary>
public interface ITrialLauncher
{
    /// <summary>Runs the trial to its end with its own thread count and returns how it ended, reporting its steps on the way.</summary>
    RunOutcome Run(Trial trial, Action<StepMetrics> onStep, CancellationToken cancellation);
}

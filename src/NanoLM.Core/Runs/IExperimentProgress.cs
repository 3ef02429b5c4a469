using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>What a running experiment tells whoever shows its progress.</summary>
public interface IExperimentProgress
{
    /// <summary>The trials this invocation will train, in order (ladder trials may still await the search's result).</summary>
    void Planned(IReadOnlyList<Trial> toTrain, int alreadySettled);
    void TrialStarted(Trial trial, int? resumedFromStep);
    void Step(Trial trial, StepMetrics metrics);
    void Evaluated(Trial trial, EvaluationMetrics metrics);
    void TrialEnded(Trial trial, RunOutcome outcome);

    /// <summary>Another trainer on the same store holds the trial; this one trains what it can and then waits for it.</summary>
    void Held(Trial trial, string holder) { }
}

using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Store;

namespace NanoLM.Tests.Runs;

/// <summary>Progress that only counts what it is told.</summary>
sealed class SilentProgress : IExperimentProgress
{
    public int Planned { get; private set; }
    public int Steps { get; private set; }
    public List<RunOutcome> Outcomes { get; } = [];

    void IExperimentProgress.Planned(IReadOnlyList<Trial> toTrain, int alreadySettled) => Planned = toTrain.Count;
    public void TrialStarted(Trial trial, int? resumedFromStep) { }
    public void Step(Trial trial, StepMetrics metrics) => Steps++;
    public void Evaluated(Trial trial, EvaluationMetrics metrics) { }
    public void TrialEnded(Trial trial, RunOutcome outcome) => Outcomes.Add(outcome);
}

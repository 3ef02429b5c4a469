using NanoLM.Plan;

namespace NanoLM.ScaleOut;

/// <summary>
/// One scheduler task per trial a stage trains, numbered in plan order. The order depends only on the spec (widths,
/// seeds, grid), so a task started after the search finds its ladder trial at the same index with the searched values.
/// </summary>
public static class StageTasks
{
    /// <summary>What a task exits with when a signal stopped it after its checkpoint: retry it (EX_TEMPFAIL).</summary>
    public const int RetryExitCode = 75;

    public static IReadOnlyList<Trial> Of(ExperimentPlan plan, TrialStage stage) =>
        [.. plan.Trials.Where(t => t.Stage == stage && t.Trains)];

    /// <summary>The scheduler's name for a stage: the word `--stage` takes.</summary>
    public static string Name(TrialStage stage) => stage switch
    {
        TrialStage.Search => "search",
        TrialStage.Ladder => "ladder",
        _ => "targets",
    };
}

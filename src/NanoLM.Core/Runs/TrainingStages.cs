using NanoLM.Plan;

namespace NanoLM.Runs;

/// <summary>Which stages `train --stage` runs: search, ladder, targets, or all three in that order.</summary>
public static class TrainingStages
{
    public static readonly string[] Names = ["search", "ladder", "targets", "all"];

    public static IReadOnlyList<TrialStage> Parse(string name) => name switch
    {
        "search" => [TrialStage.Search],
        "ladder" => [TrialStage.Ladder],
        "targets" => [TrialStage.Target],
        "all" => [TrialStage.Search, TrialStage.Ladder, TrialStage.Target],
        _ => throw new UserError($"unknown stage '{name}'; valid stages: {string.Join(", ", Names)}"),
    };
}

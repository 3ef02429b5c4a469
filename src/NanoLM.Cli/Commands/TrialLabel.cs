using NanoLM.Plan;

namespace NanoLM.Cli.Commands;

/// <summary>How a trial is named in progress lines and tables: stage, width, seed and short id.</summary>
static class TrialLabel
{
    public static string Of(Trial trial) =>
        $"{Stage(trial.Stage)} w={trial.Width} seed={trial.Seed} lr={trial.Settings.Lr:G3} [{trial.Identity.Short}]";

    public static string Stage(TrialStage stage) => stage switch
    {
        TrialStage.Search => "search",
        TrialStage.Ladder => "ladder",
        _ => "target",
    };
}

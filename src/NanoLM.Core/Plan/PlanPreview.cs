namespace NanoLM.Plan;

/// <summary>
/// What `train --dry-run` prints: every trial with its cost, the totals per stage, and the FLOPs of search + ladder as a
/// fraction of training the largest target once (docs/architecture.md's goals ask for at most 20 %). FLOPs count training steps only.
/// </summary>
public sealed record PlanPreview(
    IReadOnlyList<PlanPreviewRow> Rows,
    double SearchFlops,
    double LadderFlops,
    double VerifiedTargetFlops,
    double? LargestTargetFlops,
    double EstimatedSeconds)
{
    /// <summary>(search + ladder FLOPs) / (FLOPs of one training of the largest target), or null without targets.</summary>
    public double? SearchAndLadderFraction => LargestTargetFlops is { } target && target > 0 ? (SearchFlops + LadderFlops) / target : null;

    public static PlanPreview Create(ExperimentPlan plan, ThroughputAssumption throughput)
    {
        var seen = new HashSet<RunIdentity>();
        var rows = new List<PlanPreviewRow>();
        double search = 0, ladder = 0, verified = 0, seconds = 0;
        foreach (var trial in plan.Trials)
        {
            // A ladder rung equal to a search trial is one run: count its cost once.
            bool repeat = trial.Trains && !seen.Add(trial.Identity);
            bool costs = trial.Trains && !repeat;
            double trialSeconds = throughput.Seconds(trial);
            if (costs)
            {
                seconds += trialSeconds;
                switch (trial.Stage)
                {
                    case TrialStage.Search: search += trial.TrainingFlops; break;
                    case TrialStage.Ladder: ladder += trial.TrainingFlops; break;
                    case TrialStage.Target: verified += trial.TrainingFlops; break;
                }
            }
            var s = trial.Settings;
            rows.Add(new PlanPreviewRow(trial.Stage, trial.Identity, s.Width, s.Seed, s.Steps, s.Lr, s.InitStd, s.AlphaOut,
                trial.NonEmbeddingParameters, trial.Parameters, trial.Tokens, trial.TrainingFlops, trialSeconds,
                trial.Trains, trial.AwaitsSearch, repeat));
        }
        var targets = plan.TargetTrials.ToList();
        double? largestTarget = targets.Count == 0 ? null : targets.Max(t => t.TrainingFlops);
        return new PlanPreview(rows, search, ladder, verified, largestTarget, seconds);
    }
}

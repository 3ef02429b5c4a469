using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.ScaleOut;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using NanoLM.Training.Runs;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>
/// `dotnet nanolm train --stage S --trial-index I --manifest M`: what one task of an emitted plan runs. It trains the
/// stage's I-th trial into a shard store of its own, resolving ladder and target trials from the search's results in
/// every shard; a trial already settled anywhere is skipped; SIGTERM (a time limit, a preemption) checkpoints and exits
/// with <see cref="StageTasks.RetryExitCode"/>, and the requeued task resumes from the checkpoint.
/// </summary>
static class TrainTask
{
    /// <summary>The task's index: the argument, else the scheduler's own variable.</summary>
    public static int Index(int? argument)
    {
        if (argument is { } given) return given;
        foreach (string variable in new[] { "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                return int.TryParse(value, out int index) ? index : throw new UserError($"{variable} is '{value}', not a trial index");
        throw new UserError("no trial index: pass --trial-index, or run as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)");
    }

    public static int Run(IAnsiConsole console, ExperimentSpec spec, string specPath, string storePath, IReadOnlyList<TrialStage> stages, int index, string manifestPath)
    {
        if (stages.Count != 1)
            throw new UserError("a trial index needs one stage: --stage search, ladder or targets");
        var stage = stages[0];
        string stageName = StageTasks.Name(stage);
        var counts = TrialManifest.ReadTaskCounts(manifestPath, specPath);
        int count = counts.GetValueOrDefault(stageName);
        if (index < 0 || index >= count)
            throw new UserError(count == 0
                ? $"{manifestPath} has no {stageName} trials"
                : $"trial index {index} is outside the {stageName} stage's 0–{count - 1} in {manifestPath}");

        var losses = ShardStores.SettledLosses(storePath);
        var plan = PlanBuilder.Build(spec, losses);
        var tasks = StageTasks.Of(plan, stage);
        if (tasks.Count != count)
            throw new UserError($"{manifestPath} lists {count} {stageName} trial(s) but the plan now has {tasks.Count}; emit it again");
        var trial = tasks[index];
        if (trial.AwaitsSearch)
        {
            int settled = plan.SearchTrials.Count(t => losses.ContainsKey(t.Identity.Hash));
            throw new UserError($"the {stageName} trials take the search's LR, and {settled} of {plan.SearchTrials.Count()} search trials have finished; run the search stage first (submit.sh or apply.sh orders the stages; after a failed task, run it again: settled trials are skipped)");
        }
        if (losses.ContainsKey(trial.Identity.Hash))
        {
            console.WriteLine($"{TrialLabel.Of(trial)} ({trial.Identity.Short}) has already finished; nothing to train.");
            return CliApp.Success;
        }

        TorchRuntime.EnsureLoaded();
        string shardPath = ShardStores.PathFor(storePath, stage, index);
        using var shard = RunStore.Open(shardPath);
        using var data = ExperimentData.Open(spec, Path.GetDirectoryName(Path.GetFullPath(specPath))!);
        var outcome = TrainingSession.Interruptible(cancellation =>
            new ExperimentRunner(spec, specPath, shard, new TorchTrialTrainer(data), new PlainTrainingProgress(console)).RunTrial(trial, cancellation.Token));
        if (outcome == Store.RunOutcome.Interrupted)
        {
            console.WriteLine($"Interrupted; the checkpoint is saved in {shardPath}, and the task resumes from it when run again.");
            return StageTasks.RetryExitCode;
        }
        console.WriteLine($"{TrialLabel.Of(trial)} ({trial.Identity.Short}): {outcome.ToString().ToLowerInvariant()}. Shard: {shardPath}");
        return CliApp.Success;
    }
}

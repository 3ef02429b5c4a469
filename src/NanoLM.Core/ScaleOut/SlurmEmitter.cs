using System.Globalization;
using System.Text;
using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.ScaleOut;

/// <summary>
/// The plan as Slurm job arrays: one sbatch script per stage (a task per trial), and submit.sh, which chains the stages
/// with afterany dependencies so the ladder starts once every search task has ended.
/// </summary>
/// <remarks>
/// Not afterok: Slurm marks an afterok dependency as never satisfiable the moment one task fails, and keeps it so when
/// that task is requeued and then succeeds, which leaves the next stage pending for ever after a killed node. A requeued
/// task has not ended, so afterany waits for it; and a ladder task that starts while a search trial is unfinished (one
/// that failed for good) refuses with a line that says to run submit.sh again, which skips every settled trial.
/// </remarks>
public static class SlurmEmitter
{

    /// <summary>Writes the scripts into <see cref="EmitOptions.OutputDirectory"/>'s local twin <paramref name="directory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string directory, ExperimentPlan plan, IReadOnlyList<TrialStage> stages, Func<Trial, double> estimatedSeconds, EmitOptions options)
    {
        var written = new List<string>();
        var submitted = new List<string>();
        foreach (var stage in stages)
        {
            var tasks = StageTasks.Of(plan, stage);
            if (tasks.Count == 0) continue;
            string name = StageTasks.Name(stage);
            string file = Path.Combine(directory, $"{name}.sbatch");
            File.WriteAllText(file, Script(plan.Spec, stage, tasks, estimatedSeconds, options));
            written.Add(file);
            submitted.Add(name);
        }
        string submit = Path.Combine(directory, "submit.sh");
        ShellScript.Write(submit, SubmitScript(submitted));
        written.Add(submit);
        return written;
    }

    static string Script(ExperimentSpec spec, TrialStage stage, IReadOnlyList<Trial> tasks, Func<Trial, double> estimatedSeconds, EmitOptions options)
    {
        string name = StageTasks.Name(stage);
        int parallel = Math.Clamp(options.MaxParallel ?? tasks.Count, 1, tasks.Count);
        int threads = tasks.Max(t => t.Settings.ThreadCount);
        // The longest trial sets the array's limit; estimates come from this machine's throughput, hence the margin.
        var limit = TimeSpan.FromSeconds(tasks.Max(estimatedSeconds) * options.TimeFactor) + options.TimeMargin;
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine($"# The {name} stage of {spec.Name}: {tasks.Count} trial(s), one array task each. Emitted by `dotnet nanolm train --emit slurm`.");
        s.AppendLine($"#SBATCH --job-name={JobName(spec.Name, name)}");
        s.AppendLine($"#SBATCH --array=0-{tasks.Count - 1}%{parallel}");
        s.AppendLine($"#SBATCH --cpus-per-task={threads}");
        if (spec.Train.Device == TrainingDevice.Cuda) s.AppendLine("#SBATCH --gres=gpu:1");
        s.AppendLine($"#SBATCH --time={SlurmTime(limit)}");
        // Requeued tasks resume from their checkpoint; TERM a minute before the limit makes the task checkpoint and stop.
        s.AppendLine("#SBATCH --requeue");
        s.AppendLine("#SBATCH --signal=B:TERM@60");
        s.AppendLine($"#SBATCH --output={Path.Combine(options.OutputDirectory, "logs")}/%x-%A_%a.out");
        s.AppendLine();
        s.AppendLine($"cd {Quote(options.ExperimentDirectory)}");
        s.AppendLine($"{options.Tool} train -c {Quote(options.SpecFileName)} --stage {name} --trial-index \"$SLURM_ARRAY_TASK_ID\" --manifest {Quote(Path.Combine(options.OutputDirectory, TrialManifest.FileName))} &");
        // Slurm signals this shell; the trial checkpoints on TERM and exits 75, and the task goes back in the queue.
        s.AppendLine("trial=$!");
        s.AppendLine("trap 'kill -TERM \"$trial\"' TERM");
        s.AppendLine("wait \"$trial\"; status=$?");
        s.AppendLine("if [ \"$status\" -gt 128 ]; then wait \"$trial\"; status=$?; fi");
        s.AppendLine($"if [ \"$status\" -eq {StageTasks.RetryExitCode} ]; then scontrol requeue \"${{SLURM_ARRAY_JOB_ID}}_${{SLURM_ARRAY_TASK_ID}}\"; fi");
        s.AppendLine("exit \"$status\"");
        return s.ToString();
    }

    static string SubmitScript(IReadOnlyList<string> stages)
    {
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine("# Submits each stage's array; a stage starts when every task of the one before has ended (afterany: a requeued");
        s.AppendLine("# task has not). Run it again after a failure: settled trials are skipped, interrupted ones resume.");
        s.AppendLine("set -euo pipefail");
        s.AppendLine("cd \"$(dirname \"$0\")\"");
        s.AppendLine("mkdir -p logs");
        string? previous = null;
        foreach (string stage in stages)
        {
            string dependency = previous is null ? "" : $" --dependency=afterany:${{{previous}%%;*}}";
            s.AppendLine($"{stage}=$(sbatch --parsable{dependency} {stage}.sbatch)");
            s.AppendLine($"echo \"{stage}: job ${{{stage}%%;*}}\"");
            previous = stage;
        }
        return s.ToString();
    }

    /// <summary>days-hours:minutes:seconds, one of the forms sbatch's --time takes.</summary>
    public static string SlurmTime(TimeSpan limit)
    {
        var rounded = TimeSpan.FromMinutes(Math.Ceiling(limit.TotalMinutes));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)rounded.TotalDays}-{rounded.Hours:00}:{rounded.Minutes:00}:00");
    }

    static string JobName(string experiment, string stage) =>
        $"nanolm-{new string([.. experiment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')])}-{stage}";

    /// <summary>Single-quoted for bash.</summary>
    static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}

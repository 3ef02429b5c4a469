using System.Text;
using NanoLM.Plan;
using NanoLM.Spec;
using YamlDotNet.Serialization;

namespace NanoLM.ScaleOut;

/// <summary>
/// The plan as Kubernetes Indexed Jobs, one per stage: a pod per trial, its index in JOB_COMPLETION_INDEX, the
/// experiment folder on a volume claim. Jobs have no dependencies, so apply.sh applies each stage's Job and waits for it
/// to complete before the next.
/// </summary>
public static class KubernetesEmitter
{
    const string MountPath = "/experiment";

    public static IReadOnlyList<string> Write(string directory, ExperimentPlan plan, IReadOnlyList<TrialStage> stages, EmitOptions options)
    {
        var written = new List<string>();
        var jobs = new List<(string File, string Job)>();
        var serializer = new SerializerBuilder().Build();
        foreach (var stage in stages)
        {
            var tasks = StageTasks.Of(plan, stage);
            if (tasks.Count == 0) continue;
            string name = StageTasks.Name(stage);
            string jobName = JobName(plan.Spec.Name, name);
            string file = Path.Combine(directory, $"{name}-job.yaml");
            File.WriteAllText(file, $"# The {name} stage of {plan.Spec.Name}: {tasks.Count} trial(s), one pod each. Emitted by `dotnet nanolm train --emit kubernetes`.\n"
                                    + serializer.Serialize(Job(plan.Spec, stage, jobName, tasks, options)));
            written.Add(file);
            jobs.Add((Path.GetFileName(file), jobName));
        }
        string apply = Path.Combine(directory, "apply.sh");
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine("# Applies each stage's Job and waits for all its pods to succeed before the next stage (the ladder needs the search's losses).");
        s.AppendLine("set -euo pipefail");
        s.AppendLine("cd \"$(dirname \"$0\")\"");
        foreach (var (file, job) in jobs)
        {
            s.AppendLine($"kubectl apply -f {file}");
            s.AppendLine($"kubectl wait --for=condition=complete --timeout=-1s job/{job}");
        }
        ShellScript.Write(apply, s.ToString());
        written.Add(apply);
        return written;
    }

    static Dictionary<string, object> Job(ExperimentSpec spec, TrialStage stage, string jobName, IReadOnlyList<Trial> tasks, EmitOptions options)
    {
        string name = StageTasks.Name(stage);
        int threads = tasks.Max(t => t.Settings.ThreadCount);
        var resources = new Dictionary<string, object> { ["requests"] = new Dictionary<string, string> { ["cpu"] = $"{threads}" } };
        if (spec.Train.Device == TrainingDevice.Cuda)
            resources["limits"] = new Dictionary<string, string> { ["nvidia.com/gpu"] = "1" };
        string manifest = $"{MountPath}/{Path.GetRelativePath(options.ExperimentDirectory, Path.Combine(options.OutputDirectory, TrialManifest.FileName)).Replace('\\', '/')}";
        var command = options.Tool.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["train", "-c", $"{MountPath}/{options.SpecFileName}", "--stage", name, "--manifest", manifest]).ToList();
        return new Dictionary<string, object>
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new Dictionary<string, object>
            {
                ["name"] = jobName,
                ["labels"] = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "nanolm", ["nanolm/stage"] = name },
            },
            ["spec"] = new Dictionary<string, object>
            {
                ["completionMode"] = "Indexed",
                ["completions"] = tasks.Count,
                ["parallelism"] = Math.Clamp(options.MaxParallel ?? tasks.Count, 1, tasks.Count),
                // A pod that fails (a node lost, an eviction) is retried for its own index; its trial resumes from its checkpoint.
                ["backoffLimitPerIndex"] = 3,
                ["template"] = new Dictionary<string, object>
                {
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["restartPolicy"] = "Never",
                        // SIGTERM makes the trial checkpoint and stop; give it time to.
                        ["terminationGracePeriodSeconds"] = 60,
                        ["containers"] = new[]
                        {
                            new Dictionary<string, object>
                            {
                                ["name"] = "trial",
                                ["image"] = options.Image,
                                ["workingDir"] = MountPath,
                                ["command"] = command,
                                ["resources"] = resources,
                                ["volumeMounts"] = new[] { new Dictionary<string, string> { ["name"] = "experiment", ["mountPath"] = MountPath } },
                            },
                        },
                        ["volumes"] = new[]
                        {
                            new Dictionary<string, object>
                            {
                                ["name"] = "experiment",
                                ["persistentVolumeClaim"] = new Dictionary<string, string> { ["claimName"] = options.VolumeClaim },
                            },
                        },
                    },
                },
            },
        };
    }

    // Kubernetes names: lowercase letters, digits and '-', at most 63 characters.
    static string JobName(string experiment, string stage)
    {
        string cleaned = new([.. $"nanolm-{experiment}".ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        string suffix = $"-{stage}";
        return cleaned[..Math.Min(cleaned.Length, 63 - suffix.Length)].TrimEnd('-') + suffix;
    }
}

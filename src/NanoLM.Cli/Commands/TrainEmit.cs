using NanoLM.Plan;
using NanoLM.ScaleOut;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>The schedulers `train --emit` writes jobs for.</summary>
public enum Scheduler { Slurm, Kubernetes }

/// <summary>`dotnet nanolm train --emit slurm|kubernetes`: the plan as the scheduler's jobs, with a manifest of its trials.</summary>
static class TrainEmit
{

    public static int Run(IAnsiConsole console, ExperimentSpec spec, string specPath, string storePath, IReadOnlyList<TrialStage> stages,
        Scheduler scheduler, string? outDirectory, string? image)
    {
        string experimentDirectory = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
        string directory = Path.GetFullPath(outDirectory ?? Path.Combine(experimentDirectory, ChoiceName.Of(scheduler)));
        if (scheduler == Scheduler.Kubernetes && !directory.StartsWith(experimentDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UserError($"--out {directory} is outside the experiment folder {experimentDirectory}; the pods see only that folder (on the volume), so the manifest must be inside it");
        IReadOnlyDictionary<string, double> losses = new Dictionary<string, double>();
        if (File.Exists(storePath))
        {
            using var store = RunStore.OpenExisting(storePath);
            losses = store.CompletedValidationLosses();
        }
        var plan = PlanBuilder.Build(spec, losses);
        Directory.CreateDirectory(directory);
        TrialManifest.Write(Path.Combine(directory, TrialManifest.FileName), plan, specPath, stages);
        var options = new EmitOptions
        {
            ExperimentDirectory = experimentDirectory,
            SpecFileName = Path.GetFileName(specPath),
            OutputDirectory = directory,
            Image = image ?? EmitOptions.DefaultImage,
        };
        IReadOnlyList<string> files;
        if (scheduler == Scheduler.Slurm)
        {
            // Time limits come from throughput measured here, as the dry run's estimates do.
            TorchRuntime.EnsureLoaded();
            files = SlurmEmitter.Write(directory, plan, stages, TrainCommand.MeasureThroughput(console, plan).Seconds, options);
        }
        else files = KubernetesEmitter.Write(directory, plan, stages, options);

        foreach (var stage in stages)
            if (StageTasks.Of(plan, stage) is { Count: > 0 } tasks)
                console.WriteLine($"{StageTasks.Name(stage)}: {tasks.Count} trial(s){(tasks.Any(t => t.AwaitsSearch) ? ", resolved from the search's results when they start" : "")}");
        console.WriteLine($"Wrote {Path.Combine(directory, TrialManifest.FileName)}");
        foreach (string file in files) console.WriteLine($"Wrote {file}");
        console.WriteLine(scheduler == Scheduler.Slurm ? $"Next: {Path.Combine(directory, "submit.sh")}" : $"Next: {Path.Combine(directory, "apply.sh")}");
        return CliApp.Success;
    }
}

using System.CommandLine;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using NanoLM.Training.Runs;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm train`: the μP search on the proxy, the ladder at the chosen values, and verified targets.</summary>
public static class TrainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var experiment = new ExperimentOptions();
        var stage = new Option<string>("--stage") { Description = "Which stages to run: search, ladder, targets or all.", DefaultValueFactory = _ => "all" };
        stage.AcceptOnlyFromAmong(TrainingStages.Names);
        var device = ChoiceOption.Optional<TrainingDevice>("--device", "Train on cpu or cuda (overrides train.device).");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (settings, parameters, FLOPs, estimated time) and train nothing." };
        var jobs = new Option<int>("--jobs") { HelpName = "N", Description = "Train up to N trials at once, each in its own process with train.threads threads.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { HelpName = "N", Description = "Threads each training computes with (overrides train.threads, default 2). Another count gives other numbers, so its runs are other runs." };
        // What each process of --jobs runs: one trial of the plan, by run id.
        var run = new Option<string?>("--run") { Hidden = true };
        var parent = new Option<int?>("--parent") { Hidden = true };
        // Scale-out: the plan for a scheduler, and what each of its tasks runs (docs/scale-out.md).
        var emit = ChoiceOption.Optional<Scheduler>("--emit", "Write the plan as Slurm job arrays or Kubernetes Indexed Jobs, with a manifest of its trials, instead of training.");
        var emitOut = new Option<string?>("--out") { HelpName = "DIR", Description = "Where --emit writes (default: a folder named after the scheduler beside nanolm.yaml)." };
        var image = new Option<string?>("--image") { HelpName = "IMAGE", Description = "The container image holding the tool, for --emit kubernetes." };
        var trialIndex = new Option<int?>("--trial-index") { HelpName = "I", Description = "Train the stage's I-th trial of --manifest into a shard store of its own (default: SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)." };
        var manifest = new Option<string?>("--manifest") { HelpName = "FILE", Description = "The manifest train --emit wrote: run one of its trials." };
        var command = new Command("train", "Search hyperparameters on the proxy, train the ladder with them, and train the targets marked verify. Finished runs are skipped; interrupted ones resume.")
        {
            stage, device, dryRun, jobs, threads, run, parent, emit, emitOut, image, trialIndex, manifest,
        };
        experiment.AddTo(command);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(jobs) < 1) throw new UserError("--jobs must be 1 or more");
            string specPath = experiment.SpecPath(parsed);
            var spec = experiment.LoadSpec(parsed);
            if (parsed.GetValue(device) is { } chosen)
                spec = spec with { Train = spec.Train with { Device = chosen } };
            if (parsed.GetValue(threads) is { } count)
                spec = spec with { Train = spec.Train with { Threads = count >= 1 ? count : throw new UserError("--threads must be 1 or more") } };
            string storePath = experiment.StorePath(parsed);
            if (parsed.GetValue(dryRun)) return DryRun(console, spec, storePath);
            if (parsed.GetValue(manifest) is { } manifestPath)
                return TrainTask.Run(console, spec, specPath, storePath, TrainingStages.Parse(parsed.GetValue(stage)!), TrainTask.Index(parsed.GetValue(trialIndex)), manifestPath);
            if (parsed.GetValue(trialIndex) is not null) throw new UserError("--trial-index needs --manifest, the file train --emit wrote");
            if (parsed.GetValue(emit) is { } scheduler)
                return TrainEmit.Run(console, spec, specPath, storePath, TrainingStages.Parse(parsed.GetValue(stage)!), scheduler, parsed.GetValue(emitOut), parsed.GetValue(image));
            var request = new TrainRequest(spec, specPath, storePath, TrainingStages.Parse(parsed.GetValue(stage)!), parsed.GetValue(jobs), parsed.GetValue(run), parsed.GetValue(parent));
            return Train(console, request);
        });
        return command;
    }

    static int DryRun(IAnsiConsole console, ExperimentSpec spec, string storePath)
    {
        TorchRuntime.EnsureLoaded();
        var dryRun = Runs.DryRun.Read(spec, storePath);
        var throughput = MeasureThroughput(console, dryRun.Plan);
        PlanView.Write(console, dryRun.Plan, PlanPreview.Create(dryRun.Plan, throughput), throughput, dryRun.Settled);
        PlanView.WriteAdvice(console, dryRun.Advice);
        return CliApp.Success;
    }

    /// <summary>Throughput measured here at the smallest and the largest trained model: CPU throughput per FLOP grows with size.</summary>
    internal static ThroughputAssumption MeasureThroughput(IAnsiConsole console, ExperimentPlan plan)
    {
        var trained = plan.TrainedTrials.Count > 0 ? plan.TrainedTrials : plan.Trials;
        var (smallest, largest) = (trained.MinBy(t => t.FlopsPerToken)!, trained.MaxBy(t => t.FlopsPerToken)!);
        return console.Status().Start($"Measuring throughput at widths {smallest.Width} and {largest.Width}…", _ =>
            ThroughputAssumption.Between(ThroughputProbe.Measure(smallest), ThroughputProbe.Measure(largest)));
    }

    sealed record TrainRequest(ExperimentSpec Spec, string SpecPath, string StorePath, IReadOnlyList<TrialStage> Stages, int Jobs, string? OnlyRun, int? ParentPid);

    static int Train(IAnsiConsole console, TrainRequest request)
    {
        var (spec, specPath, storePath, stages, jobs, onlyRun, parentPid) = request;
        TorchRuntime.EnsureLoaded();
        using var store = RunStore.Open(storePath);
        using var data = console.Status().Start("Preparing the data…", _ => ExperimentData.Open(spec, Path.GetDirectoryName(Path.GetFullPath(specPath))!));
        return TrainingSession.Interruptible(cancellation =>
        {
            // A trial launched by `--jobs` stops (with a checkpoint) when its parent is gone, even after a SIGKILL.
            using var orphanWatch = parentPid is { } pid ? new Timer(_ => { if (!ProcessLiveness.IsAlive(pid)) cancellation.Cancel(); }, null, 1000, 1000) : null;
            ExperimentRunner Runner(IExperimentProgress progress) => new(spec, specPath, store, new TorchTrialTrainer(data), progress)
            {
                Parallel = jobs > 1
                    ? (new ProcessTrialLauncher(specPath, storePath), jobs)
                    : null,
            };
            if (onlyRun is not null)
            {
                var outcome = Runner(new PlainTrainingProgress(console)).RunOne(onlyRun, cancellation.Token);
                return outcome == Store.RunOutcome.Interrupted ? throw new UserError("training was interrupted; its checkpoint is saved") : CliApp.Success;
            }
            var result = TrainingSession.Display(console, progress => Runner(progress).Run(stages, cancellation.Token));
            TrainingSummary.Write(console, store, result, storePath);
            if (result.Interrupted)
                throw new UserError("training was interrupted; its checkpoint is saved. Run the same command again to resume.");
            console.WriteLine($"Report: {ReportCommand.Write(console, spec, specPath, store, null, null, data.OracleLoss(spec)).HtmlPath}");
            return CliApp.Success;
        });
    }
}

using System.Diagnostics;
using System.Reflection;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Store;

namespace NanoLM.Cli.Commands;

/// <summary>
/// Runs `dotnet nanolm train --run ID` as a child process for each trial of `train --jobs N`; the child records the run in
/// the store, and this side follows its steps there. Ctrl+C reaches the children too, and each checkpoints itself.
/// </summary>
sealed class ProcessTrialLauncher(string specPath, string storePath) : ITrialLauncher
{
    static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public RunOutcome Run(Trial trial, Action<StepMetrics> onStep, CancellationToken cancellation)
    {
        var (program, prefix) = ThisTool();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in prefix.Concat(["train", "-c", specPath, "--store", storePath, "--run", trial.Identity.Hash, "--threads", $"{trial.Settings.ThreadCount}", "--parent", $"{Environment.ProcessId}"]))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var errors = new List<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.Add(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        int lastStep = 0;
        while (!process.WaitForExit(PollEvery)) lastStep = Follow(trial, lastStep, onStep);
        process.WaitForExit();
        Follow(trial, lastStep, onStep);

        using var store = RunStore.OpenExisting(storePath);
        var status = store.FindRun(trial.Identity.Hash)?.Status;
        return status switch
        {
            RunStatus.Finished => RunOutcome.Finished,
            RunStatus.Diverged => RunOutcome.Diverged,
            RunStatus.Interrupted => RunOutcome.Interrupted,
            _ when cancellation.IsCancellationRequested => RunOutcome.Interrupted,
            _ => throw new UserError($"run {trial.Identity.Short} failed in its own process (exit code {process.ExitCode}): " +
                                     string.Join(" ", errors.TakeLast(3)).Replace("dotnet nanolm: error: ", "")),
        };
    }

    // The child flushes metrics in batches; whatever is new since the last look is reported as the latest step.
    int Follow(Trial trial, int lastStep, Action<StepMetrics> onStep)
    {
        if (!File.Exists(storePath)) return lastStep;
        using var store = RunStore.OpenExisting(storePath);
        var latest = store.Metrics(trial.Identity.Hash).LastOrDefault(m => m.TrainLoss is not null);
        if (latest is null || latest.Step <= lastStep) return lastStep;
        onStep(new StepMetrics(latest.Step, latest.TrainLoss!.Value, latest.LearningRate ?? 0, latest.Tokens ?? 0,
            latest.TokensPerSecond ?? 0, latest.WallSeconds ?? 0));
        return latest.Step;
    }

    // The running tool is either its own app host or `dotnet` with the tool's assembly as first argument.
    static (string Program, string[] Prefix) ThisTool()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string assembly = Assembly.GetEntryAssembly()?.Location ?? typeof(ProcessTrialLauncher).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [assembly]) : (process, []);
    }

}

using System.Diagnostics;
using NanoLM.Store;

namespace NanoLM.Tests.Store;

/// <summary>
/// Runs a store writer in a separate process: the test assembly itself, started by `dotnet` with a startup hook
/// (<see cref="StartupHook"/>) that reads its job from an environment variable, so no extra project is built.
/// </summary>
public static class StoreWriterChild
{
    public const string JobVariable = "NANOLM_TEST_STORE_WRITER";

    /// <summary>Opens (or creates) the store, registers the run, writes <paramref name="steps"/> steps flushing every <paramref name="flushEvery"/>, and finishes.</summary>
    public static Process StartWriting(string storePath, string runId, int steps, int flushEvery) =>
        Start($"write|{storePath}|{runId}|{steps}|{flushEvery}");

    /// <summary>Writes steps forever, printing "committed N" after each flushed batch, until killed.</summary>
    public static Process StartStreaming(string storePath, string runId, int flushEvery) =>
        Start($"stream|{storePath}|{runId}|0|{flushEvery}");

    static Process Start(string job)
    {
        string assembly = typeof(StoreWriterChild).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[JobVariable] = job;
        return Process.Start(start)!;
    }

    /// <summary>The child's side, called from the startup hook before the (empty) test-host entry point.</summary>
    internal static void Run(string job)
    {
        string[] parts = job.Split('|');
        var (mode, storePath, runId, steps, flushEvery) = (parts[0], parts[1], parts[2], int.Parse(parts[3]), int.Parse(parts[4]));
        using var store = RunStore.Open(storePath);
        store.GetOrCreateRun(new RunRegistration(runId, "{}", "ladder", 32, 0));
        var recorder = store.OpenRecorder(runId, flushEvery);
        for (int step = 1; mode == "stream" || step <= steps; step++)
        {
            recorder.Step(new StepMetrics(step, 5.0 / step, 0.01, step * 2048L, 1e5, step * 0.01));
            if (mode == "stream" && step % flushEvery == 0)
            {
                Console.Out.WriteLine($"committed {step}");
                Console.Out.Flush();
            }
        }
        recorder.Finished(RunOutcome.Finished, null);
        recorder.Dispose();
    }
}

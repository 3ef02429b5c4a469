using System.Diagnostics;
using NanoLM.Build;

namespace NanoLM.Tests.Tasks;

/// <summary>A cancelled build (Ctrl+C) must let training checkpoint: the tool is interrupted first and killed only if it lingers.</summary>
public class ToolCancellationTests
{
    [Fact]
    public async Task Cancel_interrupts_the_tool_and_its_children_and_lets_them_finish()
    {
        // Like `dotnet nanolm`: a host process whose child does the work and must see the interrupt itself. (set -m:
        // without job control bash starts background children with SIGINT ignored, which a real tool's host does not.
        // The loop: the child is interrupted first and `wait` then returns 0 at once, before the host's own interrupt is
        // handled; the host keeps waiting until it is.)
        using var tool = new FakeTool("""
            set -m
            trap 'echo stopped > parent-interrupted; wait; exit 130' INT
            bash -c 'trap "echo stopped > child-interrupted; exit 1" INT; echo ready > child-ready; while true; do sleep 0.1; done' &
            while true; do wait; sleep 0.1; done
            """);
        var engine = new FakeBuildEngine();
        var task = tool.Task<TrainExperiment>(engine);
        task.CancelTimeoutSeconds = 60;
        var clock = Stopwatch.StartNew();
        var running = Task.Run(task.Execute);
        await WaitForFile(tool.PathOf("child-ready"));

        task.Cancel();
        bool succeeded = await running.WaitAsync(TimeSpan.FromSeconds(30));

        string log = string.Join("\n", engine.Messages.Select(m => m.Message).Concat(engine.Errors.Select(e => e.Message)));
        Assert.False(succeeded, $"exit code {task.ExitCode}: {log}");
        Assert.Equal(130, task.ExitCode);
        Assert.True(File.Exists(tool.PathOf("parent-interrupted")), "the tool itself should have been interrupted");
        Assert.True(File.Exists(tool.PathOf("child-interrupted")), "the tool's child should have been interrupted");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}, as if killed after the timeout");
        Assert.Contains(engine.Messages, m => m.Message!.Contains("stopped because the build was cancelled"));
        Assert.DoesNotContain(engine.Errors, e => e.Code == BuildDiagnosticCodes.ToolFailed);
    }

    [Fact]
    public async Task Cancel_kills_a_tool_that_ignores_the_interrupt_once_the_timeout_passes()
    {
        using var tool = new FakeTool("""
            trap '' INT
            echo $$ > pid
            while true; do sleep 0.1; done
            """);
        var engine = new FakeBuildEngine();
        var task = tool.Task<TrainExperiment>(engine);
        task.CancelTimeoutSeconds = 1;
        var running = Task.Run(task.Execute);
        await WaitForFile(tool.PathOf("pid"));
        int pid = int.Parse(File.ReadAllText(tool.PathOf("pid")).Trim());

        task.Cancel();
        bool succeeded = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(succeeded);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the tool should have been killed");
    }

    static async Task WaitForFile(string path)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{path} never appeared");
            await Task.Delay(50);
        }
    }
}

using System.Diagnostics;

namespace NanoLM.Tests.Train;

/// <summary>The tool in a child process that a test can freeze and kill, its output collected as it comes.</summary>
sealed class ToolProcess : IDisposable
{
    readonly Process process;
    readonly System.Text.StringBuilder output = new();

    ToolProcess(Process process) => this.process = process;

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public string Output { get { lock (output) return output.ToString(); } }

    public static ToolProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in (string[])[DotnetCli.BuiltTool, .. arguments]) start.ArgumentList.Add(argument);
        var tool = new ToolProcess(Process.Start(start)!);
        tool.process.OutputDataReceived += (_, e) => { lock (tool.output) tool.output.AppendLine(e.Data); };
        tool.process.ErrorDataReceived += (_, e) => { lock (tool.output) tool.output.AppendLine(e.Data); };
        tool.process.BeginOutputReadLine();
        tool.process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>SIGSTOP, retried until the process is not holding the store's write lock (else the other trainer would wait on it).</summary>
    public void FreezeOutsideWriteTransaction(string storePath)
    {
        for (int attempt = 0; ; attempt++)
        {
            Signal("STOP");
            using var probe = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={storePath};Pooling=False;Default Timeout=1");
            probe.Open();
            try
            {
                using var transaction = probe.BeginTransaction(deferred: false);
                transaction.Rollback();
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException) when (attempt < 50)
            {
                Signal("CONT");
                Thread.Sleep(20);
            }
        }
    }

    public int WaitForExit()
    {
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Sends the named signal (STOP, CONT, TERM…) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString()])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}

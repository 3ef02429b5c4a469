using System.Diagnostics;

namespace NanoLM.Tests;

/// <summary>Runs gcc for tests that build small shared libraries.</summary>
public static class Gcc
{
    public static void Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("gcc") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var gcc = Process.Start(start)!;
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException($"gcc {string.Join(' ', arguments)} failed: {errors}");
    }
}

using NanoLM.Cli;
using Spectre.Console;
using Spectre.Console.Testing;

namespace NanoLM.Tests;

/// <summary>Runs `dotnet nanolm` in process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var console = new TestConsole().Width(200);
        console.Profile.Capabilities.Ansi = false;
        var error = new StringWriter();
        int exitCode = CliApp.Run(args, console, error);
        return new CliRun(exitCode, console.Output, error.ToString());
    }
}

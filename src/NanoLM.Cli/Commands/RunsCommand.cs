using System.CommandLine;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm runs list|show|diff|export`: read the store that `train` writes.</summary>
public static class RunsCommand
{
    public static Command Create(IAnsiConsole console) =>
        new("runs", "List, inspect, compare and export the runs in the experiment's store.")
        {
            RunsListCommand.Create(console),
            RunsShowCommand.Create(console),
            RunsDiffCommand.Create(console),
            RunsExportCommand.Create(console),
        };
}

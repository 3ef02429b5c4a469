using System.CommandLine;
using NanoLM.Cli.Commands;
using NanoLM.Training;
using Spectre.Console;

namespace NanoLM.Cli;

/// <summary>The `dotnet nanolm` command tree and its exit-code contract: 0 success, 1 user error, 2 usage error.</summary>
public static class CliApp
{
    public const int Success = 0, UserErrorExit = 1, UsageErrorExit = 2;

    public static Command BuildRoot(IAnsiConsole console)
    {
        // Named here rather than after the running executable, so help reads the same under a test host.
        var root = new Command("dotnet-nanolm", "nanolm: train a μP ladder of small language models, fit a scaling law, and predict the loss of a larger one.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(DoctorCommand.Create(console));
        root.Subcommands.Add(QuickstartCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(FitCommand.Create(console));
        root.Subcommands.Add(RunsCommand.Create(console));
        root.Subcommands.Add(StoreCommand.Create(console));
        root.Subcommands.Add(CoordCheckCommand.Create(console));
        root.Subcommands.Add(DataCommand.Create(console));
        return root;
    }

    /// <summary>Parses and runs one command line; results go to <paramref name="console"/>, errors and usage to <paramref name="error"/>.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter? error = null)
    {
        error ??= Console.Error;
        var notes = error;
        TorchRuntime.Notify = message => notes.WriteLine($"dotnet nanolm: note: {message}");
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "Required command was not provided" only repeats what a more specific error already says.
            var errors = parsed.Errors.Count > 1 && parsed.CommandResult.Command == root
                ? parsed.Errors.Where(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal))
                : parsed.Errors;
            foreach (var parseError in errors)
                error.WriteLine($"dotnet nanolm: {parseError.Message}");
            error.WriteLine();
            error.Write(Invoke(root.Parse([.. CommandPath(parsed), "--help"]), out _));
            return UsageErrorExit;
        }
        try
        {
            string help = Invoke(parsed, out int exitCode);
            console.Profile.Out.Writer.Write(help);
            return exitCode;
        }
        catch (UserError e)
        {
            error.WriteLine($"dotnet nanolm: error: {e.Message}");
            return UserErrorExit;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The machine said no (a folder we may not write, a full disk): its message names the path; a stack trace adds nothing.
            error.WriteLine($"dotnet nanolm: error: {e.Message}");
            return UserErrorExit;
        }
    }

    // System.CommandLine names the root after the executable (dotnet-nanolm); users type `dotnet nanolm`.
    static string Invoke(ParseResult parsed, out int exitCode)
    {
        var text = new StringWriter();
        exitCode = parsed.Invoke(new InvocationConfiguration { Output = text, EnableDefaultExceptionHandler = false });
        return text.ToString().Replace("dotnet-nanolm", "dotnet nanolm", StringComparison.Ordinal);
    }

    // The words that name the failing subcommand, so its own usage is shown rather than the root's.
    static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is not null; result = (System.CommandLine.Parsing.CommandResult)result.Parent)
            names.Insert(0, result.Command.Name);
        return names;
    }
}

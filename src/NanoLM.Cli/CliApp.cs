using System.CommandLine;
using NanoLM.Cli.Commands;
using NanoLM.Training;
using Spectre.Console;

namespace NanoLM.Cli;

/// <summary>The `dotnet nanolm` command tree and its exit-code contract: 0 success, 1 user error, 2 usage error.</summary>
public static class CliApp
{
    public const int Success = 0, UserErrorExit = 1, UsageErrorExit = 2;

    // Every command, by the name it is typed with. A command line that names one builds only that one: a new process
    // spent about 20 ms building the other ten (bench/store), while help and a mistyped name need them all.
    static readonly (string Name, Func<IAnsiConsole, Command> Create)[] Commands =
    [
        ("doctor", DoctorCommand.Create),
        ("quickstart", QuickstartCommand.Create),
        ("train", TrainCommand.Create),
        ("predict", PredictCommand.Create),
        ("compare", CompareCommand.Create),
        ("report", ReportCommand.Create),
        ("fit", FitCommand.Create),
        ("runs", RunsCommand.Create),
        ("store", StoreCommand.Create),
        ("coord-check", CoordCheckCommand.Create),
        ("data", DataCommand.Create),
    ];

    /// <param name="only">The one command to build, or null for all of them.</param>
    public static Command BuildRoot(IAnsiConsole console, string? only = null)
    {
        // Named here rather than after the running executable, so help reads the same under a test host.
        var root = new Command("dotnet-nanolm", "nanolm: train a μP ladder of small language models, fit a scaling law, and predict the loss of a larger one.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        foreach (var (name, create) in Commands)
            if (only is null || only == name)
                root.Subcommands.Add(create(console));
        return root;
    }

    /// <summary>Parses and runs one command line; results go to <paramref name="console"/>, errors and usage to <paramref name="error"/>.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter? error = null)
    {
        error ??= Console.Error;
        var notes = error;
        TorchRuntime.Notify = message => notes.WriteLine($"dotnet nanolm: note: {message}");
        string? named = args.Length > 0 && Commands.Any(command => command.Name == args[0]) ? args[0] : null;
        var root = BuildRoot(console, named);
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

using System.CommandLine;
using NanoLM.Cli.Commands;
using Spectre.Console;

namespace NanoLM.Cli;

/// <summary>The `dotnet nanolm` command tree and its exit-code contract: 0 success, 1 user error, 2 usage error.</summary>
public static class CliApp
{
    public const int Success = 0, UserErrorExit = 1, UsageErrorExit = 2;

    public static RootCommand BuildRoot(IAnsiConsole console)
    {
        var root = new RootCommand("nanolm: train a μP ladder of small language models, fit a scaling law, and predict the loss of a larger one.");
        root.Subcommands.Add(DoctorCommand.Create(console));
        return root;
    }

    public static int Run(string[] args, IAnsiConsole console)
    {
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine($"dotnet nanolm: {error.Message}");
            Console.Error.WriteLine();
            Console.Error.Write(Invoke(root.Parse([.. CommandPath(parsed), "--help"]), out _));
            return UsageErrorExit;
        }
        try
        {
            string help = Invoke(parsed, out int exitCode);
            Console.Out.Write(help);
            return exitCode;
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"dotnet nanolm: error: {e.Message}");
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

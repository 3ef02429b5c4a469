using Spectre.Console;

var console = AnsiConsole.Console;
// Redirected to a file or a build log, Spectre would wrap at 80 columns; a log has no width, so tables keep their lines.
if (Console.IsOutputRedirected) console.Profile.Width = 200;
return NanoLM.Cli.CliApp.Run(args, console);

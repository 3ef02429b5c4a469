return NanoLM.Cli.CliApp.Run(args, Spectre.Console.AnsiConsole.Console);

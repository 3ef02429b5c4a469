namespace NanoLM.Tests.Examples;

/// <summary>
/// The `dotnet nanolm` commands an example's README shows (indented code lines, from the repository root), as argument
/// lists, so the tests run exactly what a reader would type.
/// </summary>
static class ReadmeCommands
{
    static readonly string[] Prefixes = ["dotnet run --project src/NanoLM.Cli -- ", "dotnet nanolm "];

    public static IReadOnlyList<string[]> Read(string readmePath)
    {
        var commands = new List<string[]>();
        foreach (string line in File.ReadLines(readmePath).Where(l => l.StartsWith("    ", StringComparison.Ordinal)))
        {
            string text = line.Trim();
            string? prefix = Prefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null) continue;
            int comment = text.IndexOf(" #", StringComparison.Ordinal);
            string arguments = (comment >= 0 ? text[..comment] : text)[prefix.Length..];
            commands.Add(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return commands;
    }
}

namespace NanoLM.Tests.EndToEnd;

/// <summary>The real `dotnet` CLI in a child process, with the environment a test chooses on top of this one's.</summary>
public static class Dotnet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}:{Environment.NewLine}{Output}";
    }

    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output) = DotnetProcess.Run(workingDirectory, environment, arguments);
        return new Result(exitCode, output);
    }
}

namespace NanoLM.Build;

/// <summary>The dotnet executable that runs the build, so `dotnet nanolm` uses the same SDK and tools.</summary>
static class DotnetHost
{
    public static string Path()
    {
        // Set by the dotnet CLI for the MSBuild it runs (and for its task hosts).
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return name;
    }
}

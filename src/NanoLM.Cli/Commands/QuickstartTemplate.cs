using NanoLM.Quickstart;

namespace NanoLM.Cli.Commands;

/// <summary>The nanolm-experiment template as embedded in this assembly at build time (NanoLM.Cli.csproj), so the quickstart and `dotnet new` share one source.</summary>
static class QuickstartTemplate
{
    const string Prefix = "nanolm-experiment/";

    public static ExperimentTemplate Load()
    {
        var assembly = typeof(QuickstartTemplate).Assembly;
        var files = new List<TemplateFile>();
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            // %(RecursiveDir) uses the build machine's separator.
            files.Add(new TemplateFile(name[Prefix.Length..].Replace('\\', '/'), reader.ReadToEnd()));
        }
        return ExperimentTemplate.Read(files);
    }
}

using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace NanoLM.Build;

/// <summary>`dotnet nanolm report`: report.html and report.md with plots, from the store.</summary>
public sealed class ReportExperiment : NanoLMToolTask
{
    /// <summary>Where the report goes (--out).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    protected override string Subcommand => "report";

    protected override void AddOptions(CommandLineBuilder options) =>
        options.AppendSwitchIfNotNull("--out ", Path.GetFullPath(OutputDirectory));
}

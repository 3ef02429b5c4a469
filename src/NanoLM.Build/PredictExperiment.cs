using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace NanoLM.Build;

/// <summary>
/// `dotnet nanolm predict --json`: writes the prediction to <see cref="PredictionFile"/> for CI to keep, logs one line
/// per target, and turns the tool's warnings about the ladder into MSBuild warnings.
/// </summary>
public sealed class PredictExperiment : NanoLMToolTask
{
    readonly StringBuilder json = new();

    /// <summary>Where the JSON goes; written only when the tool succeeds, so an old file never passes for a new one.</summary>
    [Required]
    public string PredictionFile { get; set; } = "";

    protected override string Subcommand => "predict";

    protected override void AddOptions(CommandLineBuilder options) => options.AppendSwitch("--json");

    protected override bool CapturesStandardOutput => true;

    protected override void OnStandardOutputLine(string line) => json.AppendLine(line);

    public override bool Execute()
    {
        if (!base.Execute()) return false;
        PredictionSummary summary;
        try
        {
            summary = PredictionSummary.Parse(json.ToString());
        }
        catch (JsonException e)
        {
            Log.LogError(null, BuildDiagnosticCodes.PredictionUnreadable, null, Spec, 0, 0, 0, 0,
                $"`dotnet nanolm predict --json` printed something that is not a prediction ({e.Message}); is NanoLMTool a nanolm that knows --json?");
            return false;
        }
        string file = Path.GetFullPath(PredictionFile);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, summary.Json);
        foreach (string line in summary.Targets)
            Log.LogMessage(MessageImportance.High, "nanolm: " + line);
        foreach (string warning in summary.Warnings)
            Log.LogWarning(null, BuildDiagnosticCodes.PredictionWarning, null, Spec, 0, 0, 0, 0, warning);
        Log.LogMessage(MessageImportance.High, $"nanolm: prediction written to {file}");
        return true;
    }
}

using Microsoft.Build.Utilities;

namespace NanoLM.Build;

/// <summary>`dotnet nanolm train`: the search, the ladder and verified targets; runs already finished are skipped.</summary>
public sealed class TrainExperiment : NanoLMToolTask
{
    /// <summary>cpu or cuda; empty keeps train.device of nanolm.yaml.</summary>
    public string? Device { get; set; }

    /// <summary>Trials trained at once (--jobs); 0 keeps the tool's default of one.</summary>
    public int Jobs { get; set; }

    protected override string Subcommand => "train";

    protected override void AddOptions(CommandLineBuilder options)
    {
        if (!string.IsNullOrWhiteSpace(Device)) options.AppendSwitchIfNotNull("--device ", Device);
        if (Jobs > 0) options.AppendSwitchIfNotNull("--jobs ", Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

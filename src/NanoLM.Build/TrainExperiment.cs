using Microsoft.Build.Utilities;

namespace NanoLM.Build;

/// <summary>`dotnet nanolm train`: the search, the ladder and verified targets (runs already finished are skipped), or with Emit the plan as a scheduler's jobs.</summary>
public sealed class TrainExperiment : NanoLMToolTask
{
    /// <summary>cpu or cuda; empty keeps train.device of nanolm.yaml.</summary>
    public string? Device { get; set; }

    /// <summary>Trials trained at once (--jobs); 0 keeps the tool's default of one.</summary>
    public int Jobs { get; set; }

    /// <summary>slurm or kubernetes: write the plan as that scheduler's jobs (--emit) instead of training.</summary>
    public string? Emit { get; set; }

    /// <summary>The container image for --emit kubernetes (--image).</summary>
    public string? Image { get; set; }

    protected override string Subcommand => "train";

    protected override void AddOptions(CommandLineBuilder options)
    {
        if (!string.IsNullOrWhiteSpace(Device)) options.AppendSwitchIfNotNull("--device ", Device);
        if (Jobs > 0) options.AppendSwitchIfNotNull("--jobs ", Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(Emit)) options.AppendSwitchIfNotNull("--emit ", Emit);
        if (!string.IsNullOrWhiteSpace(Image)) options.AppendSwitchIfNotNull("--image ", Image);
    }
}

namespace NanoLM.ScaleOut;

/// <summary>
/// What an emitted plan needs besides the plan: where the experiment folder is as the scheduler's nodes see it, how
/// many tasks of a stage may run at once, and (Kubernetes) the container image holding the tool and the volume claim
/// holding the experiment folder.
/// </summary>
public sealed record EmitOptions
{
    /// <summary>The experiment folder on the nodes (Slurm: a shared file system; Kubernetes: where the volume is mounted).</summary>
    public required string ExperimentDirectory { get; init; }
    /// <summary>The spec's file name inside the experiment folder.</summary>
    public string SpecFileName { get; init; } = "nanolm.yaml";
    /// <summary>Where the emitted files go, as the nodes see it (the manifest is read from there).</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Most tasks of one stage running at once; null: all of them.</summary>
    public int? MaxParallel { get; init; }
    /// <summary>The command that runs the tool on a node.</summary>
    public string Tool { get; init; } = "dotnet nanolm";
    public string Image { get; init; } = DefaultImage;
    public const string DefaultImage = "nanolm:latest";
    public string VolumeClaim { get; init; } = "nanolm-experiment";
    /// <summary>A task's time limit is its estimate times this, plus <see cref="TimeMargin"/>: estimates come from this machine.</summary>
    public double TimeFactor { get; init; } = 2.0;
    public TimeSpan TimeMargin { get; init; } = TimeSpan.FromMinutes(10);
}

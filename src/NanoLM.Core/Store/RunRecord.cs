namespace NanoLM.Store;

/// <summary>One run as the store holds it, with its status as it reads now (a dead `running` run reads as crashed).</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }
    public long? ExperimentId { get; init; }
    public required StoredSettings Settings { get; init; }
    public string SettingsJson => Settings.Json;
    public required RunStatus StoredStatus { get; init; }
    public required RunStatus Status { get; init; }
    public required string Stage { get; init; }
    public required int Width { get; init; }
    public required int Seed { get; init; }
    public int? Pid { get; init; }
    public string? Host { get; init; }
    public DateTimeOffset? Heartbeat { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? Finished { get; init; }
    public string? Reason { get; init; }
    public int? CheckpointStep { get; init; }
    public string? CheckpointPath { get; init; }
    public int? FinalStep { get; init; }
    public long? Tokens { get; init; }
    public double? WallSeconds { get; init; }
    public double? BestValidationLoss { get; init; }
    public double? FinalValidationLoss { get; init; }

    /// <summary>Who holds the run's claim while it trains, as `runs list` shows it; null when nobody does.</summary>
    public string? Holder => Status == RunStatus.Running && Pid is { } pid ? DescribeHolder(pid, Host) : null;

    public static string DescribeHolder(int pid, string? host) => $"pid {pid} on {host ?? "an unknown host"}";

    public string ShortId => Id.Length <= Plan.RunIdentity.ShortLength ? Id : Id[..Plan.RunIdentity.ShortLength];
}

namespace NanoLM.Store;

/// <summary>Store behaviour that tests and tools may adjust: the clock, and when a silent run counts as crashed.</summary>
public sealed record StoreOptions
{
    /// <summary>A `running` run whose heartbeat is older than this, and whose process is gone, reads as crashed.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

namespace NanoLM.Spec;

/// <summary>What validation may assume about the machine; tests pin these so diagnostics do not depend on the host.</summary>
public sealed record SpecLoadOptions
{
    /// <summary>Memory the largest trial may use; null means what the GC reports as available (respects cgroup limits).</summary>
    public long? MemoryBudgetBytes { get; init; }

    public long ResolveMemoryBudget() => MemoryBudgetBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}

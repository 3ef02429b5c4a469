namespace NanoLM.Store;

/// <summary>Another live process holds the run: a second trainer on the same store skips it, or waits for it to settle.</summary>
public sealed class RunClaimedException(string runId, int pid, string? host)
    : Exception($"run {runId} is being trained by {RunRecord.DescribeHolder(pid, host)}")
{
    public string RunId => runId;

    /// <summary>Who holds the claim, as `runs list` shows it: pid N on HOST.</summary>
    public string Holder => RunRecord.DescribeHolder(pid, host);
}

/// <summary>The run finished or diverged in another trainer between this one's look and its claim; its result stands.</summary>
public sealed class RunAlreadySettledException(string runId, string status) : Exception($"run {runId} is already {status}")
{
    public string RunId => runId;
}

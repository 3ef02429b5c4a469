using NanoLM.Tests.Store;

/// <summary>
/// .NET startup hook (the runtime requires this exact global type name): when the test assembly is started as a child
/// process with a writer job, do the job and exit; otherwise do nothing.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        string? job = Environment.GetEnvironmentVariable(StoreWriterChild.JobVariable);
        if (job is null) return;
        StoreWriterChild.Run(job);
        Environment.Exit(0);
    }
}

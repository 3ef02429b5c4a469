namespace NanoLM.Store;

/// <summary>
/// A run's life: queued → running → finished | failed | interrupted | diverged. <see cref="Crashed"/> is never stored:
/// it is how a `running` run reads once its heartbeat is stale and its process is gone.
/// </summary>
public enum RunStatus { Queued, Running, Finished, Failed, Interrupted, Diverged, Crashed }

/// <summary>The lowercase names the store and the CLI use for <see cref="RunStatus"/>.</summary>
public static class RunStatusNames
{
    public static string Name(this RunStatus status) => status.ToString().ToLowerInvariant();

    public static RunStatus Parse(string name) =>
        Enum.TryParse<RunStatus>(name, ignoreCase: true, out var status) ? status
            : throw new InvalidDataException($"the store holds an unknown run status '{name}'");
}

namespace NanoLM.Store;

/// <summary>The newest checkpoint of a run: where to resume from.</summary>
public sealed record CheckpointInfo(int Step, string Path);

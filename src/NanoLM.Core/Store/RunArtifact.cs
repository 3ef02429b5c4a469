namespace NanoLM.Store;

/// <summary>A file a run produced (checkpoint, plot), by kind and step.</summary>
public sealed record RunArtifact(string Kind, int? Step, string Path, DateTimeOffset Created);

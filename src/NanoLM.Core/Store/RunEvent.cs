namespace NanoLM.Store;

/// <summary>Something that happened to a run: started, resumed, checkpoint, warning, finished…</summary>
public sealed record RunEvent(DateTimeOffset At, string Kind, string Message);

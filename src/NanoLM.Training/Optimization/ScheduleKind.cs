namespace NanoLM.Training.Optimization;

/// <summary>The shape of the LR multiplier after warmup.</summary>
public enum ScheduleKind { Cosine, WarmupStableDecay, Constant, Linear }

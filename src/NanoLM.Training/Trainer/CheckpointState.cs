namespace NanoLM.Training.Trainer;

/// <summary>The scalar part of a checkpoint: where training stands, besides the weights and optimizer moments.</summary>
public sealed record CheckpointState(int Step, long Tokens, double WallSeconds, long DataSeed, string ModelConfigJson);

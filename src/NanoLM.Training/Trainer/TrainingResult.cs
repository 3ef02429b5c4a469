using NanoLM.Store;

namespace NanoLM.Training.Trainer;

/// <summary>How a call to <see cref="LanguageModelTrainer.Run"/> ended and the last losses it saw.</summary>
public sealed record TrainingResult(RunOutcome Outcome, string? Reason, int StepsCompleted, double? LastTrainLoss, double? LastValidationLoss);

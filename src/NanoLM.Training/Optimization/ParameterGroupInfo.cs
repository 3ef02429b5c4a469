using NanoLM.Training.Model;

namespace NanoLM.Training.Optimization;

/// <summary>One optimizer group as configured: its μP role, base LR, current LR and AdamW weight_decay.</summary>
public sealed record ParameterGroupInfo(ParameterRole Role, int ParameterCount, double BaseLearningRate, double LearningRate, double WeightDecay);

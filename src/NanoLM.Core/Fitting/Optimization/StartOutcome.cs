namespace NanoLM.Fitting.Optimization;

/// <summary>Where one start of a multi-start fit ended.</summary>
readonly record struct StartOutcome(double[] Parameters, double Objective, bool Converged);

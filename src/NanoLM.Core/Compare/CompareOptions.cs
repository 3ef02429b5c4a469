namespace NanoLM.Compare;

/// <summary>How `compare` bootstraps: paired resamples (0: no intervals and no probability), their seed and the interval level.</summary>
public sealed record CompareOptions(int Bootstrap = Spec.PredictDefaults.Bootstrap, int Seed = Spec.PredictDefaults.BootstrapSeed, double Level = Fitting.Bootstrap.DefaultLevel);

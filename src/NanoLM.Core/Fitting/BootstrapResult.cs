namespace NanoLM.Fitting;

/// <summary>Refits on resampled runs: per-parameter percentile intervals and standard errors, and the targets' prediction intervals.</summary>
public sealed record BootstrapResult(
    int Resamples,
    int Failed,
    double Level,
    double[] Lower,
    double[] Upper,
    double[] StandardErrors,
    IReadOnlyList<Prediction> Predictions);

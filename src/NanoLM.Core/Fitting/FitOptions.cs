namespace NanoLM.Fitting;

/// <summary>
/// How to fit: the fitter (null: the law's default), bootstrap resamples (0: none), their seed and interval level, whether
/// to backtest, the loss no model can beat when it is known (the built-in corpus's oracle), below which E is bounded, and
/// whether the bootstrap draws runs within each model size (<see cref="Bootstrap.Run"/>) rather than from all of them.
/// </summary>
public sealed record FitOptions(string? Fitter = null, int Bootstrap = 0, int Seed = 0, double Level = Bootstrap.DefaultLevel, bool Backtest = true,
    double? LossFloor = null, bool ResampleWithinSizes = false);

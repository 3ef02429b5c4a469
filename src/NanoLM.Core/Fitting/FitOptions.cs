namespace NanoLM.Fitting;

/// <summary>How to fit: the fitter (null: the law's default), bootstrap resamples (0: none), their seed and interval level, and whether to backtest.</summary>
public sealed record FitOptions(string? Fitter = null, int Bootstrap = 0, int Seed = 0, double Level = Bootstrap.DefaultLevel, bool Backtest = true);

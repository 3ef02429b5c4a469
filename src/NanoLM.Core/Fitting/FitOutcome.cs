namespace NanoLM.Fitting;

/// <summary>Everything one fit produces: the fit, the targets' predictions (with intervals when bootstrapped), the bootstrap and the backtest.</summary>
public sealed record FitOutcome(FitResult Fit, IReadOnlyList<Prediction> Predictions, BootstrapResult? Bootstrap, BacktestResult? Backtest);

namespace NanoLM.Fitting;

/// <summary>A leave-largest-out backtest: the law fitted on the smaller points, scored on the larger ones it never saw.</summary>
/// <param name="SizeLimit">The largest size (law-specific: X, compute or step) among the fitted points.</param>
public sealed record BacktestResult(int FittedPoints, double SizeLimit, FitResult Fit, IReadOnlyList<Prediction> HeldOut)
{
    public double MeanAbsoluteRelativeError => HeldOut.Count == 0 ? double.NaN : HeldOut.Average(p => Math.Abs(p.RelativeError!.Value));
    public double MaxAbsoluteRelativeError => HeldOut.Count == 0 ? double.NaN : HeldOut.Max(p => Math.Abs(p.RelativeError!.Value));
}

namespace NanoLM.Report;

/// <summary>One backtest: the law fitted on the <paramref name="FittedCount"/> narrowest widths (every seed and checkpoint of them), scored on a held-out wider one.</summary>
public sealed record BacktestRow(int FittedCount, double HeldOutX, double Predicted, double Actual)
{
    public double RelativeError => (Predicted - Actual) / Actual;
}

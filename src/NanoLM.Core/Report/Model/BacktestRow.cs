namespace NanoLM.Report;

/// <summary>One backtest: the law fitted on the <paramref name="FittedCount"/> smallest rungs, scored on a held-out larger one.</summary>
public sealed record BacktestRow(int FittedCount, double HeldOutX, double Predicted, double Actual)
{
    public double RelativeError => (Predicted - Actual) / Actual;
}

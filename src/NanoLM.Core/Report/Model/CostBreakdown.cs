namespace NanoLM.Report;

/// <summary>Compute per stage, and what the search and ladder cost relative to training the target once.</summary>
/// <param name="BudgetFraction">The fraction of the target's FLOPs that search + ladder may use (docs/architecture.md's goals: 20 %).</param>
public sealed record CostBreakdown(IReadOnlyList<CostRow> Rows, double BudgetFraction = 0.20)
{
    public double? PrecursorFlopsFraction => Fraction(r => r.Flops);

    public double? PrecursorWallTimeFraction => Fraction(r => r.WallTime.TotalSeconds);

    double? Fraction(Func<CostRow, double> amount)
    {
        double target = Rows.Where(r => r.Stage == CostStage.Target).Sum(amount);
        if (!(target > 0)) return null;
        return Rows.Where(r => r.Stage != CostStage.Target).Sum(amount) / target;
    }
}

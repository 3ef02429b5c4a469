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

/// <summary>Compute spent on one stage: how many runs, their training FLOPs and their summed wall time.</summary>
public sealed record CostRow(CostStage Stage, int Runs, double Flops, TimeSpan WallTime);

/// <summary>The stages whose compute a report accounts for.</summary>
public enum CostStage
{
    Search,
    Ladder,
    Target,
}

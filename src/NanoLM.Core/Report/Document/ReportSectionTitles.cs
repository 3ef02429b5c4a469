namespace NanoLM.Report;

/// <summary>The headings every report has, in order; a section without data keeps its heading and says so.</summary>
public static class ReportSectionTitles
{
    public const string Summary = "Summary";
    public const string Search = "Learning-rate search";
    public const string Ladder = "Ladder training curves";
    public const string Fit = "Scaling fit and prediction";
    public const string Backtest = "Backtest";
    public const string CoordCheck = "Coord check";
    public const string Cost = "Cost";
    public const string Environment = "Environment";

    public static IReadOnlyList<string> All { get; } = [Summary, Search, Ladder, Fit, Backtest, CoordCheck, Cost, Environment];
}

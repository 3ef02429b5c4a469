using NanoLM.CoordCheck;

namespace NanoLM.Training.CoordCheck;

/// <summary>The measured curves of a coord check and the log-log slope of each module at each step.</summary>
public sealed record CoordCheckReport(CoordCheckSettings Settings, IReadOnlyList<CoordCheckCurve> Curves)
{
    public IReadOnlyList<string> Modules => Curves.Select(c => c.Module).Distinct().ToList();

    public double Slope(string module, int step) => Curves.Single(c => c.Module == module && c.Step == step).LogLogSlope();

    /// <summary>The largest |slope| of a module over the steps where it is defined (NaN if never).</summary>
    public double MaxAbsSlope(string module) => CoordCheckVerdict.MaxAbsSlope(Curves, module);
}

namespace NanoLM.CoordCheck;

/// <summary>
/// Whether a coord check's activations stay flat with width: the one rule `dotnet nanolm coord-check` exits by and the
/// report states. A module is not flat when its largest |log-log slope| over the steps is above the limit.
/// </summary>
public static class CoordCheckVerdict
{
    /// <summary>The default limit, between what coord-check measures at its defaults: μP ≤ 0.24, SP ≥ 0.76.</summary>
    public const double DefaultMaxSlope = 0.3;

    /// <summary>The module's largest |slope| over the steps where one is defined; NaN when none is.</summary>
    public static double MaxAbsSlope(IEnumerable<CoordCheckCurve> curves, string module)
    {
        var slopes = curves.Where(c => c.Module == module).Select(c => Math.Abs(c.LogLogSlope())).Where(double.IsFinite).ToList();
        return slopes.Count == 0 ? double.NaN : slopes.Max();
    }

    /// <summary>The modules whose activations change with width (largest |slope| above <paramref name="maxSlope"/>), in the curves' order.</summary>
    public static IReadOnlyList<string> NotFlat(IReadOnlyList<CoordCheckCurve> curves, double maxSlope = DefaultMaxSlope) =>
        [.. curves.Select(c => c.Module).Distinct().Where(module => MaxAbsSlope(curves, module) > maxSlope)];
}

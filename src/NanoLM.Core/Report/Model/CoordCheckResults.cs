namespace NanoLM.Report;

/// <summary>A coord check: the per-module curves, or an SVG already drawn elsewhere when only that is at hand.</summary>
/// <param name="Parametrization">"mup" or "sp".</param>
/// <param name="PrerenderedSvg">A complete &lt;svg&gt; element shown when <paramref name="Curves"/> is empty.</param>
/// <param name="FlatSlopeTolerance">Largest |log-log slope| at the last step still read as flat; our choice, loose enough for 3–5 noisy steps.</param>
public sealed record CoordCheckResults(string Parametrization, IReadOnlyList<CoordCheckModuleCurve> Curves, string? PrerenderedSvg = null, double FlatSlopeTolerance = 0.25);

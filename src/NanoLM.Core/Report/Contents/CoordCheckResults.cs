using NanoLM.CoordCheck;

namespace NanoLM.Report;

/// <summary>A coord check: the per-module curves, or an SVG already drawn elsewhere when only that is at hand.</summary>
/// <param name="Parametrization">"mup" or "sp".</param>
/// <param name="PrerenderedSvg">A complete &lt;svg&gt; element shown when <paramref name="Curves"/> is empty.</param>
public sealed record CoordCheckResults(string Parametrization, IReadOnlyList<CoordCheckCurve> Curves, string? PrerenderedSvg = null);

namespace NanoLM.Spec;

/// <summary>A closed interval [Min, Max] written in YAML as <c>[min, max]</c>.</summary>
public sealed record ValueRange(double Min, double Max);

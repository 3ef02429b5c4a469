namespace NanoLM.Fitting;

/// <summary>What <see cref="PlateauDetector"/> found on one loss curve.</summary>
/// <param name="BurnIn">The first step to fit from: the steepest point of the escape from the plateau, or the end of the warmup when the curve has no plateau; null when the curve never leaves it.</param>
/// <param name="HadPlateau">The curve flattened after its first descent and then fell steeply again.</param>
/// <param name="EndsOnPlateau">The curve flattened and had not escaped by <see cref="PlateauDetector.EscapeWindow"/> of its steps.</param>
public sealed record PlateauReport(long? BurnIn, bool HadPlateau, bool EndsOnPlateau, double PlateauSlope, double EscapeSlope);

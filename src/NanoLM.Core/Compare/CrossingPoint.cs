namespace NanoLM.Compare;

/// <summary>A size where the two fitted curves meet, and where it lies relative to the sizes that were trained.</summary>
/// <param name="BetterAbove">"A" or "B": the design with the lower predicted loss just above the crossing.</param>
public sealed record CrossingPoint(double Params, double Loss, CrossingLocation Location, string BetterAbove);

/// <summary>Below the smallest trained rung of either ladder, between the smallest and largest, or beyond the largest (an extrapolation).</summary>
public enum CrossingLocation { BelowLadders, WithinLadders, BeyondLadders }

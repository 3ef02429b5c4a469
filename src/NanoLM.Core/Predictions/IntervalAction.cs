using NanoLM.Runs;
namespace NanoLM.Predictions;

/// <summary>What the fit-quality gate did to the targets' intervals.</summary>
public enum IntervalAction { Kept, Widened, Withheld }

namespace NanoLM.Predictions;

/// <summary>What the fit-quality gate does to the targets' intervals: each failed check widens or withholds them (<see cref="GateFailure"/>), and the verdict takes the strictest.</summary>
public enum IntervalAction { Kept, Widened, Withheld }

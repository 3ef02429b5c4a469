using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>One row of a fit CSV after parsing: where it came from, its point and, if measured, its loss.</summary>
/// <param name="HeldOut">The row's <c>role</c> is <c>holdout</c>: it is predicted rather than fitted.</param>
public sealed record FitRow(int Line, string Run, long? Step, LawPoint Point, double? Loss, bool HeldOut)
{
    public PredictionTarget ToTarget() => new(Point, Loss, Run, Step);
}

using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>A model to predict: its size, and its measured loss when there is one to score against.</summary>
public sealed record LadderTarget(double Params, double Tokens = double.NaN, double Flops = double.NaN, double? Loss = null, string? Name = null)
{
    public PredictionTarget ToTarget() => new(LawPoint.Ladder(Params, Tokens, Flops), Loss, Name);
}

using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting;

/// <summary>One measured rung of a ladder: its run, size (parameters; tokens or compute when the law needs them) and loss.</summary>
public sealed record LadderPoint(string Run, double Params, double Loss, double Tokens = double.NaN, double Flops = double.NaN)
{
    public FitSample ToSample() => new(LawPoint.Ladder(Params, Tokens, Flops), Loss, Run);
}

using NanoLM.Fitting;

namespace NanoLM.Compare;

/// <summary>One finished ladder run as `compare` fits it: its run, width, seed, non-embedding parameters and validation loss at the fit step.</summary>
public sealed record ComparedRung(string Run, int Width, int Seed, long Params, double Loss)
{
    public FitSample ToSample() => new(LawPoint.Ladder(Params), Loss, Run);
}

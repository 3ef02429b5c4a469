using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Compare;

/// <summary>One finished ladder run as `compare` fits it: its run, width, seed, non-embedding parameters and validation loss at the fit step.</summary>
public sealed record ComparedRung(string Run, int Width, int Seed, long Params, double Loss)
{
    /// <summary>Where the law reads <see cref="Loss"/>: the run's size alone (power), or its last checkpoint (whole-curve laws).</summary>
    public LawPoint Point { get; init; } = LawPoint.Ladder(Params);

    /// <summary>What the fit sees of this run, and what a bootstrap draw of it brings: its loss, or its checkpoints from the burn-in on.</summary>
    public IReadOnlyList<FitSample> Samples { get; init; } = [new(LawPoint.Ladder(Params), Loss, Run)];
}

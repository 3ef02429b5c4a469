namespace NanoLM.Plan;

/// <summary>
/// A measured training speed used to estimate wall time. With <see cref="AtFlopsPerToken"/> the speed is read as a FLOP
/// rate and scaled to each trial's size; without it every trial is assumed to run at the same tokens/s. A second
/// measurement at another size (<see cref="Between"/>) lets the FLOP rate vary with size, as it does on a CPU, where
/// small models are bound by per-operation overhead rather than arithmetic.
/// </summary>
public sealed record ThroughputAssumption(double TokensPerSecond, double? AtFlopsPerToken = null)
{
    ThroughputAssumption? other;

    /// <summary>Interpolates the FLOP rate between two measurements, log-linearly in FLOPs per token (and beyond them, along the same line).</summary>
    public static ThroughputAssumption Between(ThroughputAssumption small, ThroughputAssumption large)
    {
        if (small.AtFlopsPerToken is null || large.AtFlopsPerToken is null)
            throw new ArgumentException("both measurements need the FLOPs per token they were taken at");
        return small.AtFlopsPerToken == large.AtFlopsPerToken ? small : small with { other = large };
    }

    public double Seconds(Trial trial) => AtFlopsPerToken is { } reference
        ? trial.TrainingFlops / FlopRate(trial.FlopsPerToken, reference)
        : trial.Tokens / TokensPerSecond;

    double FlopRate(double flopsPerToken, double reference)
    {
        double rate = TokensPerSecond * reference;
        if (other is not { AtFlopsPerToken: { } otherReference }) return rate;
        double otherRate = other.TokensPerSecond * otherReference;
        double t = Math.Log(flopsPerToken / reference) / Math.Log(otherReference / reference);
        return Math.Exp(Math.Log(rate) + t * (Math.Log(otherRate) - Math.Log(rate)));
    }
}

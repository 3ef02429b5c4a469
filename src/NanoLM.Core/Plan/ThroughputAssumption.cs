namespace NanoLM.Plan;

/// <summary>
/// A measured training speed used to estimate wall time. With <see cref="AtFlopsPerToken"/> the speed is read as a FLOP
/// rate and scaled to each trial's size; without it every trial is assumed to run at the same tokens/s.
/// </summary>
public sealed record ThroughputAssumption(double TokensPerSecond, double? AtFlopsPerToken = null)
{
    public double Seconds(Trial trial) =>
        AtFlopsPerToken is { } reference ? trial.TrainingFlops / (TokensPerSecond * reference) : trial.Tokens / TokensPerSecond;
}

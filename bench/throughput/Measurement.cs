namespace NanoLM.Bench.Throughput;

/// <summary>The median tokens/s of one timed run and the FLOPs it did per token.</summary>
sealed record Measurement(double TokensPerSecond, double FlopsPerToken, int TimedSteps)
{
    public double GigaflopsPerSecond => TokensPerSecond * FlopsPerToken / 1e9;
}

namespace NanoLM.Bench.Throughput;

/// <summary>One model and data shape of the reference benchmark (4 layers, 4 heads, byte vocabulary).</summary>
sealed record BenchConfiguration(int Width, int SequenceLength, int BatchSize, int Depth = 4, int Heads = 4)
{
    /// <summary>The three shapes in ../shared/bench/README.md.</summary>
    public static readonly BenchConfiguration[] Reference = [new(128, 128, 16), new(256, 128, 16), new(512, 256, 8)];

    public string Name => $"d{Width} T{SequenceLength} B{BatchSize}";
}

using NanoLM.Data;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using NanoLM.Training.Trainer;

namespace NanoLM.Bench.Throughput;

/// <summary>Times nanolm's own trainer on the reference's model, optimizer and data shape, with GPT or Llama blocks.</summary>
sealed class TrainerRunner(int threads)
{
    const int WarmupSteps = 3;

    public Measurement Train(BenchConfiguration config, ModelFamily family, int steps, int minSteps, double budgetSeconds, Precision precision = Precision.Fp32)
    {
        // Same as the reference: 4 heads (head_dim = d/4), no Linear bias, μP with base width 128, AdamW(0.9, 0.95), no clipping.
        // Llama keeps every shape and swaps the blocks: RMSNorm, SwiGLU (h ≈ 8d/3), rotary positions.
        var model = new ModelConfig
        {
            Family = family,
            Width = config.Width,
            Depth = config.Depth,
            HeadDim = config.Width / config.Heads,
            SequenceLength = config.SequenceLength,
            VocabularySize = 256,
            BaseWidth = 128,
        };
        var settings = new TrainingSettings
        {
            Steps = WarmupSteps + steps,
            BatchSize = config.BatchSize,
            Optimizer = new AdamWSettings { LearningRate = 3e-3, WeightDecay = 0.1, Beta1 = 0.9, Beta2 = 0.95 },
            GradientClip = 0,
            EvaluateEvery = 0,
            ValidationWindows = 1,
            Threads = threads,
            DivergenceFactor = double.PositiveInfinity,
            Precision = precision,
        };
        var data = RandomBytes(4_000_000, seed: 1234);
        using var cancel = new CancellationTokenSource();
        var recorder = new TimingRecorder(WarmupSteps, minSteps, budgetSeconds, cancel);
        new LanguageModelTrainer(model, settings).Run(data, data, recorder, checkpointDirectory: null, cancel.Token);
        double flopsPerToken = ModelSize.TrainingFlopsPerToken(family, config.Width, config.Depth, 256, config.SequenceLength);
        return new Measurement(recorder.MedianTokensPerSecond, flopsPerToken, recorder.TimedSteps);
    }

    static ITokenSource RandomBytes(int count, int seed)
    {
        var random = new Random(seed);
        var tokens = new int[count];
        for (int i = 0; i < count; i++) tokens[i] = random.Next(256);
        return new ArrayTokens(tokens);
    }

    sealed class ArrayTokens(int[] tokens) : ITokenSource
    {
        public long Count => tokens.Length;
        public int VocabularySize => 256;
        public void Read(long start, Span<int> destination) => tokens.AsSpan((int)start, destination.Length).CopyTo(destination);
    }

    /// <summary>Keeps per-step tokens/s after warmup and stops the run once the time budget is spent.</summary>
    sealed class TimingRecorder(int warmup, int minSteps, double budgetSeconds, CancellationTokenSource cancel) : ITrainingRecorder
    {
        readonly List<double> _tokensPerSecond = [];
        double _timedStart = double.NaN;

        public int TimedSteps => _tokensPerSecond.Count;
        public double MedianTokensPerSecond => Median(_tokensPerSecond);

        public void Step(StepMetrics metrics)
        {
            if (metrics.Step <= warmup)
            {
                _timedStart = metrics.WallSeconds;
                return;
            }
            _tokensPerSecond.Add(metrics.TokensPerSecond);
            if (_tokensPerSecond.Count >= minSteps && budgetSeconds > 0 && metrics.WallSeconds - _timedStart > budgetSeconds)
                cancel.Cancel();
        }

        public void Evaluation(EvaluationMetrics metrics) { }
        public void Checkpoint(int step, string path) { }
        public void Event(string kind, string message) { }
        public void Finished(RunOutcome outcome, string? reason) { }
        public void Flush() { }
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

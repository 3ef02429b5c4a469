using NanoLM.Data;
using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.Training.Runs;

/// <summary>Measures training tokens/s of one trial's model on this machine, so plans can estimate time.</summary>
public static class ThroughputProbe
{
    /// <summary>Times a few steps on random tokens (the first, which pays for allocation, is left out).</summary>
    public static ThroughputAssumption Measure(Trial trial, int steps = 4)
    {
        var settings = trial.Settings;
        var random = new Random(settings.Seed);
        int[] tokens = new int[Math.Max(4 * settings.Batch * (settings.SeqLen + 1), 1 << 16)];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = random.Next(settings.VocabSize);
        var data = new InMemoryTokenSource(tokens, settings.VocabSize);

        var training = TorchTrialTrainer.TrainingFor(settings, trial.Execution) with
        {
            Steps = steps + 1,
            Schedule = null,
            EvaluateEvery = int.MaxValue,
            CheckpointEvery = 0,
        };
        var recorder = new StepCollector();
        new Trainer.LanguageModelTrainer(TorchTrialTrainer.ModelFor(settings), training).Run(data, data, recorder);
        var rates = recorder.Steps.Skip(1).Select(s => s.TokensPerSecond).Order().ToList();
        double median = rates.Count == 0 ? recorder.Steps.Last().TokensPerSecond : rates[rates.Count / 2];
        return new ThroughputAssumption(median, trial.FlopsPerToken);
    }

    sealed class StepCollector : ITrainingRecorder
    {
        public List<StepMetrics> Steps { get; } = [];
        public void Step(StepMetrics metrics) => Steps.Add(metrics);
        public void Evaluation(EvaluationMetrics metrics) { }
        public void Checkpoint(int step, string path) { }
        public void Event(string kind, string message) { }
        public void Finished(RunOutcome outcome, string? reason) { }
        public void Flush() { }
    }
}

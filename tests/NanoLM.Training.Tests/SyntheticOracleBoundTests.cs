using NanoLM.Data;
using NanoLM.Data.Synthetic;
using NanoLM.Store;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using NanoLM.Training.Trainer;

namespace NanoLM.Tests;

public class SyntheticOracleBoundTests
{
    [Fact]
    public void Trained_model_learns_the_synthetic_corpus_but_stays_above_its_exact_oracle()
    {
        var corpus = SyntheticCorpus.Create(new SyntheticCorpusOptions { Seed = 7, TrainTokens = 400_000, ValidationTokens = 40_000 });
        var model = new ModelConfig { Width = 64, BaseWidth = 32, Depth = 2, HeadDim = 16, SequenceLength = 64, VocabularySize = 256 };
        var settings = new TrainingSettings
        {
            Steps = 150,
            BatchSize = 16,
            Optimizer = new AdamWSettings { LearningRate = 2e-2, WeightDecay = 0.1 },
            Schedule = new LearningRateCurve(Spec.LearningRateSchedule.Cosine, 150, WarmupSteps: 15),
            EvaluateEvery = 0,
            ValidationWindows = 64,
            DataSeed = 1,
            InitSeed = 1,
            Threads = 2,
        };

        var result = new LanguageModelTrainer(model, settings).Run(corpus.Train, corpus.Validation, new RecordingRecorder());

        // The oracle is scored on exactly the windows the trainer validates on, with the same context.
        var windows = BatchOrder.ValidationOffsets(settings.ValidationWindows, model.SequenceLength, corpus.Validation.Count);
        double oracle = corpus.WindowedOracleLossNatsPerToken(corpus.Validation, model.SequenceLength, windows);
        Assert.Equal(RunOutcome.Finished, result.Outcome);
        Assert.True(result.LastValidationLoss < corpus.UnigramEntropyNats(), $"validation {result.LastValidationLoss} should beat the unigram entropy {corpus.UnigramEntropyNats()}");
        Assert.True(result.LastValidationLoss > oracle, $"validation {result.LastValidationLoss} cannot beat the oracle {oracle}");
    }
}

using NanoLM.Data;
using NanoLM.Spec;
using NanoLM.Store;
using Precision = NanoLM.Spec.Precision;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using NanoLM.Training.Trainer;
using TorchSharp;

namespace NanoLM.Tests;

public class TrainerTests
{
    static readonly ModelConfig Tiny = new() { Width = 32, BaseWidth = 16, Depth = 2, HeadDim = 8, SequenceLength = 16, VocabularySize = 32 };

    static TrainingSettings Settings(int steps) => new()
    {
        Steps = steps,
        BatchSize = 8,
        Optimizer = new AdamWSettings { LearningRate = 1e-2, WeightDecay = 0.01 },
        Schedule = new LearningRateCurve(LearningRateSchedule.Cosine, steps, WarmupSteps: 2),
        EvaluateEvery = 4,
        ValidationWindows = 8,
        DataSeed = 3,
        InitSeed = 4,
        Threads = 1,
    };

    [Theory]
    [InlineData(Precision.Fp32)]
    [InlineData(Precision.Bf16)]
    public void Resumed_run_reproduces_the_uninterrupted_losses(Precision precision)
    {
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        var validation = ArrayTokenSource.Random(500, 32, seed: 2);
        var settings = Settings(steps: 8) with { CheckpointEvery = 3, Precision = precision };

        using var straightDir = new TemporaryDirectory();
        var straight = new RecordingRecorder();
        Assert.Equal(RunOutcome.Finished, new LanguageModelTrainer(Tiny, settings).Run(train, validation, straight, straightDir.Path).Outcome);

        using var resumedDir = new TemporaryDirectory();
        using var cancel = new CancellationTokenSource();
        var first = new RecordingRecorder(m => { if (m.Step == 5) cancel.Cancel(); });
        var interrupted = new LanguageModelTrainer(Tiny, settings).Run(train, validation, first, resumedDir.Path, cancel.Token);
        Assert.Equal(RunOutcome.Interrupted, interrupted.Outcome);
        Assert.Equal(5, interrupted.StepsCompleted);

        var second = new RecordingRecorder();
        var resumed = new LanguageModelTrainer(Tiny, settings).Run(train, validation, second, resumedDir.Path);
        Assert.Equal(RunOutcome.Finished, resumed.Outcome);
        Assert.Contains(second.Events, e => e.Kind == "resumed");

        var combined = first.Steps.Concat(second.Steps).ToList();
        Assert.Equal(straight.Steps.Select(s => s.Step), combined.Select(s => s.Step));
        foreach (var (a, b) in straight.Steps.Zip(combined))
            Assert.True(Math.Abs(a.TrainLoss - b.TrainLoss) <= 1e-5, $"step {a.Step}: {a.TrainLoss} vs {b.TrainLoss}");
        Assert.Equal(straight.Evaluations[^1].ValidationLoss, second.Evaluations[^1].ValidationLoss, 5);
    }

    [Fact]
    public void A_new_checkpoint_replaces_the_old_one_only_once_it_is_recorded()
    {
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        using var dir = new TemporaryDirectory();
        // As if the process died after writing step 6's checkpoint and before the store recorded it.
        var recorder = new RecordingRecorder(onCheckpoint: step => { if (step == 6) throw new IOException("killed"); });

        Assert.ThrowsAny<Exception>(() => new LanguageModelTrainer(Tiny, Settings(steps: 8) with { CheckpointEvery = 3 }).Run(train, train, recorder, dir.Path));

        Assert.Equal([(3, Checkpoint.PathIn(dir.Path, 3))], recorder.Checkpoints);
        // The recorded step-3 checkpoint is still there for the runner to resume from.
        Assert.Equal([Checkpoint.PathIn(dir.Path, 3), Checkpoint.PathIn(dir.Path, 6)], Directory.GetFiles(dir.Path).Order());
    }

    [Theory]
    [InlineData(Precision.Fp32)]
    [InlineData(Precision.Bf16)]
    public void Tiny_model_overfits_a_tiny_corpus(Precision precision)
    {
        var corpus = ArrayTokenSource.RepeatedPhrase(phraseLength: 24, repeats: 60, vocabularySize: 32, seed: 5);
        var recorder = new RecordingRecorder();
        var result = new LanguageModelTrainer(Tiny, Settings(steps: 120) with { EvaluateEvery = 0, Precision = precision }).Run(corpus, corpus, recorder);
        Assert.Equal(RunOutcome.Finished, result.Outcome);
        Assert.True(recorder.Steps[0].TrainLoss > 3.0, $"first loss {recorder.Steps[0].TrainLoss}");
        Assert.True(result.LastValidationLoss < 0.3, $"validation loss {result.LastValidationLoss}");
    }

    [Fact]
    public void Bf16_training_follows_the_fp32_loss_curve()
    {
        // bf16 rounds every activation to 8 bits of mantissa; with fp32 master weights the curve still stays within 0.5 % of fp32.
        var train = ArrayTokenSource.RepeatedPhrase(phraseLength: 24, repeats: 60, vocabularySize: 32, seed: 5);
        var recorders = new[] { Precision.Fp32, Precision.Bf16 }.Select(precision =>
        {
            var recorder = new RecordingRecorder();
            var settings = Settings(steps: 40) with { EvaluateEvery = 0, Precision = precision, Optimizer = new AdamWSettings { LearningRate = 3e-3, WeightDecay = 0.01 } };
            Assert.Equal(RunOutcome.Finished, new LanguageModelTrainer(Tiny, settings).Run(train, train, recorder).Outcome);
            return recorder;
        }).ToList();

        var (fp32, bf16) = (recorders[0].Steps, recorders[1].Steps);
        Assert.True(bf16[^1].TrainLoss < 0.7 * bf16[0].TrainLoss, $"bf16 did not learn: {bf16[0].TrainLoss} → {bf16[^1].TrainLoss}");
        foreach (var (a, b) in fp32.Zip(bf16))
            Assert.True(Math.Abs(a.TrainLoss - b.TrainLoss) <= 0.005 * a.TrainLoss, $"step {a.Step}: fp32 {a.TrainLoss}, bf16 {b.TrainLoss}\n" +
                string.Join(", ", fp32.Zip(bf16).Select(p => $"{p.First.TrainLoss:F3}/{p.Second.TrainLoss:F3}")));
    }

    [Fact]
    public void Huge_learning_rate_is_reported_as_diverged_not_thrown()
    {
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        var settings = Settings(steps: 30) with
        {
            Optimizer = new AdamWSettings { LearningRate = 1e3, WeightDecay = 0 },
            GradientClip = 0,
            Schedule = new LearningRateCurve(LearningRateSchedule.Constant, 30),
        };
        var recorder = new RecordingRecorder();
        var result = new LanguageModelTrainer(Tiny with { ZeroInitQueryAndReadout = false }, settings).Run(train, train, recorder);
        Assert.Equal(RunOutcome.Diverged, result.Outcome);
        Assert.Equal(RunOutcome.Diverged, recorder.Outcome?.Outcome);
        Assert.False(string.IsNullOrEmpty(recorder.Outcome?.Reason));
    }

    [Theory]
    [InlineData(ModelFamily.Gpt, Precision.Fp32)]
    [InlineData(ModelFamily.Llama, Precision.Fp32)]
    [InlineData(ModelFamily.Gpt, Precision.Bf16)]
    public void A_finished_runs_checkpoint_scores_its_recorded_validation_loss_again(ModelFamily family, Precision precision)
    {
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        var validation = ArrayTokenSource.Random(2000, 32, seed: 2);
        var model = Tiny with { Family = family };
        using var dir = new TemporaryDirectory();
        var recorder = new RecordingRecorder();
        new LanguageModelTrainer(model, Settings(steps: 8) with { Precision = precision }).Run(train, validation, recorder, dir.Path);

        using var loaded = Checkpoint.LoadModel(Checkpoint.PathIn(dir.Path, 8), precision);
        Assert.Equal(model, loaded.Config);
        var recordedWindows = BatchOrder.ValidationOffsets(8, model.SequenceLength, validation.Count);
        Assert.Equal(recorder.Evaluations[^1].ValidationLoss, ValidationLoss.Mean(loaded, validation, recordedWindows, 8, torch.CPU));
        var moreWindows = BatchOrder.ValidationOffsets(100, model.SequenceLength, validation.Count);
        double again = ValidationLoss.Mean(loaded, validation, moreWindows, 8, torch.CPU);
        Assert.True(double.IsFinite(again) && again != recorder.Evaluations[^1].ValidationLoss, $"{again}");
    }

    [Fact]
    public void The_last_step_is_validated_on_the_final_windows_and_the_others_on_the_usual_ones()
    {
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        var validation = ArrayTokenSource.Random(2000, 32, seed: 2);
        using var dir = new TemporaryDirectory();
        var usual = new RecordingRecorder();
        new LanguageModelTrainer(Tiny, Settings(steps: 8)).Run(train, validation, usual);
        var recorder = new RecordingRecorder();
        new LanguageModelTrainer(Tiny, Settings(steps: 8) with { FinalValidationWindows = 100 }).Run(train, validation, recorder, dir.Path);

        // Step 4 is validated as before; step 8 on 100 windows, which is what the checkpoint scores there.
        Assert.Equal(usual.Evaluations[0].ValidationLoss, recorder.Evaluations[0].ValidationLoss);
        using var loaded = Checkpoint.LoadModel(Checkpoint.PathIn(dir.Path, 8), Precision.Fp32);
        var finalWindows = BatchOrder.ValidationOffsets(100, Tiny.SequenceLength, validation.Count);
        Assert.Equal(ValidationLoss.Mean(loaded, validation, finalWindows, 8, torch.CPU), recorder.Evaluations[^1].ValidationLoss);
        Assert.NotEqual(usual.Evaluations[^1].ValidationLoss, recorder.Evaluations[^1].ValidationLoss);
    }

    [Fact]
    public void Run_reports_steps_evaluations_and_an_atomic_final_checkpoint()
    {
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        using var dir = new TemporaryDirectory();
        var recorder = new RecordingRecorder();
        new LanguageModelTrainer(Tiny, Settings(steps: 8)).Run(train, train, recorder, dir.Path);
        Assert.Equal(Enumerable.Range(1, 8), recorder.Steps.Select(s => s.Step));
        Assert.Equal(new[] { 4, 8 }, recorder.Evaluations.Select(e => e.Step));
        Assert.All(recorder.Steps, s => Assert.True(s.TokensPerSecond > 0 && s.Tokens == s.Step * 8L * 16));
        Assert.Equal((8, Checkpoint.PathIn(dir.Path, 8)), recorder.Checkpoints.Single());
        Assert.Equal([Path.GetFileName(Checkpoint.PathIn(dir.Path, 8))], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(RunOutcome.Finished, recorder.Outcome?.Outcome);
    }
}

using System.Diagnostics;
using System.Text.Json;
using NanoLM.Data;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Training.Trainer;

/// <summary>Trains one run of either model family: fixed batch order, μP AdamW, schedule, validation, checkpoints, divergence and cancellation.</summary>
public sealed class LanguageModelTrainer(ModelConfig model, TrainingSettings settings)
{
    public ModelConfig Model { get; } = model;
    public TrainingSettings Settings { get; } = settings;

    /// <summary>
    /// Trains until <see cref="TrainingSettings.Steps"/>, resuming from the checkpoint in <paramref name="checkpointDirectory"/>
    /// if there is one. Divergence and cancellation end the run with a recorded outcome instead of an exception.
    /// </summary>
    public TrainingResult Run(ITokenSource train, ITokenSource validation, ITrainingRecorder recorder,
        string? checkpointDirectory = null, CancellationToken cancellation = default)
    {
        Model.Validate();
        if (train.VocabularySize > Model.VocabularySize || validation.VocabularySize > Model.VocabularySize)
            throw new ArgumentException($"The model's vocabulary ({Model.VocabularySize}) is smaller than the data's.");
        if (Settings.Threads > 0) torch.set_num_threads(Settings.Threads);
        var device = torch.device(Settings.Device);

        using var network = LanguageModel.Create(Model, Settings.InitSeed);
        network.to(device);
        using var optimizer = new MuPAdamW(network, Settings.Optimizer, fp32Masters: Settings.Precision == Precision.Bf16);
        var order = new BatchOrder(Settings.DataSeed, Settings.BatchSize, Model.SequenceLength, train.Count);
        var trainBatches = new TokenBatches(train, Model.SequenceLength, device);
        var validationOffsets = BatchOrder.ValidationOffsets(Settings.ValidationWindows, Model.SequenceLength, validation.Count);
        var finalOffsets = Settings.FinalValidationWindows is { } finalWindows && finalWindows != Settings.ValidationWindows
            ? BatchOrder.ValidationOffsets(finalWindows, Model.SequenceLength, validation.Count)
            : validationOffsets;
        var schedule = Settings.EffectiveSchedule;
        double divergenceLimit = Settings.DivergenceFactor * Math.Log(Model.VocabularySize);
        long tokensPerStep = (long)Settings.BatchSize * Model.SequenceLength;

        int step = 0;
        long tokens = 0;
        double wallBefore = 0;
        if (checkpointDirectory is not null && Checkpoint.TryLoad(checkpointDirectory, network, optimizer) is { } restored)
        {
            if (restored.DataSeed != Settings.DataSeed)
                throw new InvalidDataException($"The checkpoint used data seed {restored.DataSeed}, this run {Settings.DataSeed}.");
            (step, tokens, wallBefore) = (restored.Step, restored.Tokens, restored.WallSeconds);
            recorder.Event("resumed", $"resumed from step {step}");
        }

        var clock = Stopwatch.StartNew();
        double Wall() => wallBefore + clock.Elapsed.TotalSeconds;
        string SaveCheckpoint()
        {
            var state = new CheckpointState(step, tokens, Wall(), Settings.DataSeed, JsonSerializer.Serialize(Model));
            string path = Checkpoint.Save(checkpointDirectory!, state, network, optimizer);
            recorder.Checkpoint(step, path);
            recorder.Flush();
            Checkpoint.DeleteAllBut(checkpointDirectory!, path);
            return path;
        }
        TrainingResult End(RunOutcome outcome, string? reason, double? trainLoss, double? validationLoss)
        {
            recorder.Finished(outcome, reason);
            recorder.Flush();
            return new TrainingResult(outcome, reason, step, trainLoss, validationLoss);
        }

        double? lastTrain = null, lastValidation = null;
        try
        {
            network.train();
            while (step < Settings.Steps)
            {
                if (cancellation.IsCancellationRequested)
                {
                    if (checkpointDirectory is not null) SaveCheckpoint();
                    return End(RunOutcome.Interrupted, $"cancelled after step {step}", lastTrain, lastValidation);
                }

                long started = Stopwatch.GetTimestamp();
                double multiplier = schedule.Multiplier(step);
                optimizer.ApplyMultiplier(multiplier);
                double loss;
                using (var scope = NewDisposeScope())
                {
                    var (inputs, targets) = trainBatches.Read(order.Offsets(step));
                    var lossTensor = network.Loss(inputs, targets);
                    loss = lossTensor.item<float>();
                    if (!double.IsFinite(loss) || loss > divergenceLimit)
                        return End(RunOutcome.Diverged, $"train loss {loss} at step {step + 1} (limit {divergenceLimit:F2})", loss, lastValidation);
                    lossTensor.backward();
                    double norm = optimizer.ClipGradients(Settings.GradientClip);
                    if (!double.IsFinite(norm))
                        return End(RunOutcome.Diverged, $"gradient norm {norm} at step {step + 1}", loss, lastValidation);
                    optimizer.Step();
                    network.zero_grad();
                }
                step++;
                tokens += tokensPerStep;
                lastTrain = loss;
                double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                recorder.Step(new StepMetrics(step, loss, Settings.Optimizer.LearningRate * multiplier, tokens, tokensPerStep / seconds, Wall()));

                bool last = step == Settings.Steps;
                if (last || (Settings.EvaluateEvery > 0 && step % Settings.EvaluateEvery == 0))
                {
                    lastValidation = ValidationLoss.Mean(network, validation, last ? finalOffsets : validationOffsets, Settings.BatchSize, device);
                    recorder.Evaluation(new EvaluationMetrics(step, lastValidation.Value, tokens, PeakMemoryBytes(), Wall()));
                }
                if (checkpointDirectory is not null && !last && Settings.CheckpointEvery > 0 && step % Settings.CheckpointEvery == 0)
                    SaveCheckpoint();
            }
            if (checkpointDirectory is not null) SaveCheckpoint();
            return End(RunOutcome.Finished, null, lastTrain, lastValidation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            recorder.Finished(RunOutcome.Failed, e.Message);
            recorder.Flush();
            throw;
        }
    }

    // libtorch on the CPU has no allocator statistics; the process's peak resident set is the honest upper bound.
    static long PeakMemoryBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}

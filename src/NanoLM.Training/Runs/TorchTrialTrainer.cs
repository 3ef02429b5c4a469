using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using NanoLM.Training.Trainer;

namespace NanoLM.Training.Runs;

/// <summary>Trains a plan's trials, GPT or Llama, with <see cref="LanguageModelTrainer"/> on an experiment's data.</summary>
public sealed class TorchTrialTrainer(ExperimentData data) : ITrialTrainer
{
    public RunOutcome Train(Trial trial, ITrainingRecorder recorder, string checkpointDirectory, CancellationToken cancellation)
    {
        var trainer = new LanguageModelTrainer(ModelFor(trial.Settings), TrainingFor(trial.Settings, trial.Execution));
        return trainer.Run(data.Train, data.Validation, recorder, checkpointDirectory, cancellation).Outcome;
    }

    /// <summary>The model a trial's resolved settings describe.</summary>
    public static ModelConfig ModelFor(ResolvedSettings settings)
    {
        if (settings.Family == ModelFamily.Llama && settings.HeadDim % 2 != 0)
            throw new UserError($"model.head_dim {settings.HeadDim} is odd; the llama family's rotary embeddings rotate pairs of dimensions, so use an even head_dim");
        return new ModelConfig
        {
            Family = settings.Family,
            Width = settings.Width,
            Depth = settings.Depth,
            HeadDim = settings.HeadDim,
            SequenceLength = settings.SeqLen,
            VocabularySize = settings.VocabSize,
            BaseWidth = settings.BaseWidth,
            InitStd = settings.InitStd,
            InputMultiplier = settings.AlphaIn,
            OutputMultiplier = settings.AlphaOut,
            AttentionMultiplier = settings.AlphaAttn,
            Parametrization = settings.Parametrization,
            ZeroInitQueryAndReadout = settings.ZeroInit,
            WeightDecayMode = settings.WeightDecayMode,
        };
    }

    /// <summary>How a trial trains: optimizer, schedule, seeds (init and data order follow the trial's seed unless train.init_seed or train.data_order_seed fixes one), evaluation and checkpoints.</summary>
    public static TrainingSettings TrainingFor(ResolvedSettings settings, TrialExecution execution) => new()
    {
        Steps = settings.Steps,
        BatchSize = settings.Batch,
        Optimizer = new AdamWSettings
        {
            LearningRate = settings.Lr,
            WeightDecay = settings.WeightDecay,
            Beta1 = settings.Beta1,
            Beta2 = settings.Beta2,
            Epsilon = settings.Eps,
        },
        Schedule = new LearningRateCurve(
            settings.Schedule,
            settings.Steps,
            settings.Warmup,
            settings.MinLrRatio ?? 0.1,
            settings.DecayFraction ?? 0.2),
        GradientClip = settings.GradClip,
        InitSeed = settings.InitSeed ?? settings.Seed,
        DataSeed = settings.DataOrderSeed ?? settings.Seed,
        EvaluateEvery = settings.EvalInterval,
        ValidationWindows = settings.EvalBatches * settings.Batch,
        FinalValidationWindows = settings.FinalEvalBatches * settings.Batch,
        CheckpointEvery = execution.CheckpointInterval,
        Threads = settings.ThreadCount,
        Device = execution.Device == TrainingDevice.Cuda ? "cuda" : "cpu",
        Precision = settings.Precision ?? Precision.Fp32,
    };
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NanoLM.Spec;

/// <summary>
/// Everything that determines one training run's result, with every default filled in. Its canonical JSON (sorted
/// keys, shortest round-trip numbers, no whitespace) is hashed into the run's identity, so equal settings are the same run.
/// Execution details that do not change the result (device, checkpoint interval) are deliberately absent; the thread
/// count does change it (see <see cref="TrainSpec.Threads"/>), so it is here.
/// </summary>
public sealed record ResolvedSettings
{
    /// <summary>Bump when the canonical form changes meaning, so old identities are not silently reused.</summary>
    public const string IdentityScheme = "nanolm/run/v1";

    public required DataSource DataSource { get; init; }
    public int? DataSeed { get; init; }
    public string? DataPath { get; init; }
    public required int VocabSize { get; init; }
    /// <summary>The synthetic language's settings that differ from the documented corpus (null for shards); unchanged ones stay out of the identity.</summary>
    public SyntheticLanguageSpec? Language { get; init; }

    public required ModelFamily Family { get; init; }
    public required Parametrization Parametrization { get; init; }
    public required int Width { get; init; }
    public required int BaseWidth { get; init; }
    public required int Depth { get; init; }
    public required int HeadDim { get; init; }
    public required int SeqLen { get; init; }
    public required double AlphaIn { get; init; }
    public required double AlphaOut { get; init; }
    public required double AlphaAttn { get; init; }
    public required double InitStd { get; init; }
    public required bool ZeroInit { get; init; }

    public required int Batch { get; init; }
    public required int Steps { get; init; }
    public required LearningRateSchedule Schedule { get; init; }
    public required int Warmup { get; init; }
    public double? MinLrRatio { get; init; }
    public double? DecayFraction { get; init; }
    public required OptimizerKind Optimizer { get; init; }
    public required double Lr { get; init; }
    public required double Beta1 { get; init; }
    public required double Beta2 { get; init; }
    public required double Eps { get; init; }
    public required double WeightDecay { get; init; }
    public required WeightDecayMode WeightDecayMode { get; init; }
    public required double GradClip { get; init; }
    public required int Seed { get; init; }
    /// <summary>Null (and so absent from the identity) unless train.data_order_seed fixes the batch order of every run.</summary>
    public int? DataOrderSeed { get; init; }
    /// <summary>Null (and so absent from the identity) unless train.init_seed fixes the initial weights of every run.</summary>
    public int? InitSeed { get; init; }
    public required int EvalInterval { get; init; }
    public required int EvalBatches { get; init; }
    /// <summary>Null (and so absent from the identity) unless train.final_eval_batches differs from eval_batches.</summary>
    public int? FinalEvalBatches { get; init; }
    /// <summary>Null for fp32, so runs recorded before bf16 existed keep their identities.</summary>
    public Precision? Precision { get; init; }
    /// <summary>Null at the default thread count, so runs recorded before it was part of the identity keep theirs.</summary>
    public int? Threads { get; init; }

    /// <summary>The settings of one trial: the spec's shared values plus this trial's width, seed, steps and hyperparameters.</summary>
    public static ResolvedSettings For(ExperimentSpec spec, int width, int seed, int steps, Hyperparameters hyperparameters)
    {
        var (data, model, train, optimizer) = (spec.Data, spec.Model, spec.Train, spec.Train.Optimizer);
        return new ResolvedSettings
        {
            DataSource = data.Source,
            DataSeed = data.Source == Spec.DataSource.Synthetic ? data.Seed : null,
            DataPath = data.Source == Spec.DataSource.Shards ? data.Path : null,
            VocabSize = data.VocabSize,
            Language = data.Source == Spec.DataSource.Synthetic ? data.Language.WithoutDefaults() : null,
            Family = model.Family,
            Parametrization = spec.Parametrization,
            Width = width,
            BaseWidth = model.BaseWidth,
            Depth = model.Depth,
            HeadDim = model.HeadDim,
            SeqLen = model.SeqLen,
            AlphaIn = model.AlphaIn,
            AlphaOut = hyperparameters.OutputMult,
            AlphaAttn = model.AlphaAttn,
            InitStd = hyperparameters.InitStd,
            ZeroInit = model.ZeroInit,
            Batch = train.Batch,
            Steps = steps,
            Schedule = train.Schedule,
            Warmup = train.Warmup.For(steps),
            // Values a schedule never reads stay out of the identity, so editing them does not retrain anything.
            MinLrRatio = train.Schedule == LearningRateSchedule.Constant ? null : train.MinLrRatio,
            DecayFraction = train.Schedule == LearningRateSchedule.Wsd ? train.DecayFraction : null,
            Optimizer = optimizer.Type,
            Lr = hyperparameters.Lr,
            Beta1 = optimizer.Beta1,
            Beta2 = optimizer.Beta2,
            Eps = optimizer.Eps,
            WeightDecay = optimizer.WeightDecay,
            WeightDecayMode = train.WeightDecayMode,
            GradClip = train.GradClip,
            Seed = seed,
            DataOrderSeed = train.DataOrderSeed,
            InitSeed = train.InitSeed,
            EvalInterval = train.EvalInterval,
            EvalBatches = train.EvalBatches,
            FinalEvalBatches = train.FinalEvalBatches == train.EvalBatches ? null : train.FinalEvalBatches,
            Precision = train.Precision == Spec.Precision.Fp32 ? null : train.Precision,
            Threads = train.Threads == TrainSpec.DefaultThreads ? null : train.Threads,
        };
    }

    public Hyperparameters Hyperparameters => new(Lr, InitStd, AlphaOut);

    /// <summary>The threads this run computes with.</summary>
    public int ThreadCount => Threads ?? TrainSpec.DefaultThreads;

    /// <summary>Tokens one full run consumes: batch × seq_len × steps.</summary>
    public long Tokens => (long)Batch * SeqLen * Steps;

    /// <summary>The canonical form: nested by section, keys sorted ordinally, nulls omitted.</summary>
    public string ToCanonicalJson()
    {
        var tree = new SortedDictionary<string, SortedDictionary<string, object>>(StringComparer.Ordinal)
        {
            ["data"] = Group([("source", Name(DataSource)), ("seed", DataSeed), ("path", DataPath), ("vocab_size", VocabSize),
                .. Language?.Entries() ?? []]),
            ["model"] = Group(
                ("family", Name(Family)), ("parametrization", Name(Parametrization)), ("width", Width), ("base_width", BaseWidth),
                ("depth", Depth), ("head_dim", HeadDim), ("seq_len", SeqLen), ("alpha_in", AlphaIn), ("alpha_out", AlphaOut),
                ("alpha_attn", AlphaAttn), ("init_std", InitStd), ("zero_init", ZeroInit)),
            ["train"] = Group(
                ("batch", Batch), ("steps", Steps), ("schedule", Name(Schedule)), ("warmup", Warmup), ("min_lr_ratio", MinLrRatio),
                ("decay_fraction", DecayFraction), ("weight_decay_mode", Name(WeightDecayMode)), ("grad_clip", GradClip),
                ("seed", Seed), ("data_order_seed", DataOrderSeed), ("init_seed", InitSeed), ("eval_interval", EvalInterval), ("eval_batches", EvalBatches),
                ("final_eval_batches", FinalEvalBatches),
                ("precision", Precision is { } precision ? Name(precision) : null), ("threads", Threads)),
            ["optimizer"] = Group(
                ("type", Name(Optimizer)), ("lr", Lr), ("beta1", Beta1), ("beta2", Beta2), ("eps", Eps), ("weight_decay", WeightDecay)),
        };

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (section, values) in tree)
            {
                writer.WriteStartObject(section);
                foreach (var (key, value) in values) WriteValue(writer, key, value);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The full SHA-256 (lowercase hex) of the identity scheme and the canonical JSON.</summary>
    public string ComputeIdentity() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{IdentityScheme}\n{ToCanonicalJson()}")));

    static SortedDictionary<string, object> Group(params (string Key, object? Value)[] entries)
    {
        var group = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
            if (value is not null) group[key] = value;
        return group;
    }

    static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    static void WriteValue(Utf8JsonWriter writer, string key, object value)
    {
        switch (value)
        {
            case int i: writer.WriteNumber(key, i); break;
            case long l: writer.WriteNumber(key, l); break;
            case double d: writer.WriteNumber(key, d); break;
            case bool b: writer.WriteBoolean(key, b); break;
            case string s: writer.WriteString(key, s); break;
            default: throw new InvalidOperationException($"no canonical form for {value.GetType().Name}");
        }
    }
}

using NanoLM.Data.Synthetic;
using YamlDotNet.RepresentationModel;

namespace NanoLM.Spec;

/// <summary>Turns the YAML tree of a nanolm.yaml into an <see cref="ExperimentSpec"/>, reporting NLM01xx/NLM02xx as it goes.</summary>
internal static class SpecReader
{
    static readonly string[] RootKeys = ["name", "data", "model", "parametrization", "train", "search", "ladder", "targets", "predict"];
    static readonly string[] DataKeys = ["source", "seed", "path", "vocab_size", .. SyntheticLanguageSpec.Keys];
    static readonly string[] ModelKeys = ["family", "depth", "head_dim", "seq_len", "base_width", "alpha_in", "alpha_out", "alpha_attn", "init_std", "zero_init"];
    static readonly string[] TrainKeys =
    [
        "batch", "steps", "schedule", "warmup", "min_lr_ratio", "decay_fraction", "optimizer", "weight_decay_mode", "grad_clip",
        "seed", "data_order_seed", "init_seed", "eval_interval", "eval_batches", "final_eval_batches", "checkpoint_interval", "threads", "device",
        "precision",
    ];
    static readonly string[] OptimizerKeys = ["type", "lr", "betas", "eps", "weight_decay"];
    static readonly string[] SearchKeys = ["enabled", "proxy_width", "rungs", "rung_lr", "steps", "seeds", "grid", "random"];
    static readonly string[] GridKeys = ["lr", "init_std", "output_mult"];
    static readonly string[] RandomKeys = ["budget", "seed", "lr", "init_std", "output_mult"];
    static readonly string[] LadderKeys = ["widths", "seeds", "seeds_by_width"];
    static readonly string[] TargetKeys = ["width", "params", "verify"];
    static readonly string[] PredictKeys = ["law", "fit_step", "burn_in", "assumed_run_noise", "loss_floor", "level"];

    const int MaxWidth = 1 << 16;

    public static ExperimentSpec Read(YamlMappingNode node, SpecDiagnostics sink)
    {
        var root = new YamlSection(node, "", RootKeys, sink);
        var defaults = new ExperimentSpec();
        return new ExperimentSpec
        {
            Name = root.Text("name", defaults.Name),
            Data = ReadData(root.Section("data", DataKeys)),
            Model = ReadModel(root.Section("model", ModelKeys)),
            Parametrization = root.Choice("parametrization", defaults.Parametrization),
            Train = ReadTrain(root.Section("train", TrainKeys)),
            Search = ReadSearch(root.Section("search", SearchKeys)),
            Ladder = ReadLadder(root.Section("ladder", LadderKeys)),
            Targets = ReadTargets(root, sink),
            Predict = ReadPredict(root.Section("predict", PredictKeys), sink),
        };
    }

    static DataSpec ReadData(YamlSection? s)
    {
        var d = new DataSpec();
        if (s is null) return d;
        return new DataSpec
        {
            Source = s.Choice("source", d.Source),
            Seed = s.Int("seed", d.Seed, 0),
            Path = s.OptionalText("path"),
            VocabSize = s.Int("vocab_size", d.VocabSize, 2, 1 << 24),
            Language = new SyntheticLanguageSpec
            {
                LexiconSize = s.OptionalInt("lexicon_size", SyntheticCorpusOptions.MinLexiconSize, SyntheticCorpusOptions.MaxLexiconSize),
                Topics = s.OptionalInt("topics", 1, 256),
                TopicGroups = s.OptionalInt("topic_groups", 1, 256),
                ZipfExponent = s.Has("zipf_exponent") ? s.Number("zipf_exponent", 0, 0, 4, minExclusive: true) : null,
                TopicSwitchProbability = s.Has("topic_switch") ? s.Number("topic_switch", 0, 0, 1) : null,
            },
        };
    }

    static ModelSpec ReadModel(YamlSection? s)
    {
        var d = new ModelSpec();
        if (s is null) return d;
        return new ModelSpec
        {
            Family = s.Choice("family", d.Family),
            Depth = s.Int("depth", d.Depth, 1, 1024),
            HeadDim = s.Int("head_dim", d.HeadDim, 1, 4096),
            SeqLen = s.Int("seq_len", d.SeqLen, 1, 1 << 20),
            BaseWidth = s.Int("base_width", d.BaseWidth, 1, MaxWidth),
            AlphaIn = s.Number("alpha_in", d.AlphaIn, 0, minExclusive: true),
            AlphaOut = s.Number("alpha_out", d.AlphaOut, 0, minExclusive: true),
            AlphaAttn = s.Number("alpha_attn", d.AlphaAttn, 0, minExclusive: true),
            InitStd = s.Number("init_std", d.InitStd, 0, minExclusive: true),
            ZeroInit = s.Bool("zero_init", d.ZeroInit),
        };
    }

    static TrainSpec ReadTrain(YamlSection? s)
    {
        var d = new TrainSpec();
        if (s is null) return d;
        return new TrainSpec
        {
            Batch = s.Int("batch", d.Batch, 1, 1 << 20),
            Steps = s.Int("steps", d.Steps, 1),
            Schedule = s.Choice("schedule", d.Schedule),
            Warmup = s.Parsed<WarmupLength>("warmup", d.Warmup, WarmupLength.TryParse, "a number of steps (such as 300) or a share of the steps below 100 % (such as 25%)"),
            MinLrRatio = s.Number("min_lr_ratio", d.MinLrRatio, 0, 1),
            DecayFraction = s.Number("decay_fraction", d.DecayFraction, 0, 1, minExclusive: true),
            Optimizer = ReadOptimizer(s.Section("optimizer", OptimizerKeys)),
            WeightDecayMode = s.Choice("weight_decay_mode", d.WeightDecayMode),
            GradClip = s.Number("grad_clip", d.GradClip, 0),
            Seed = s.Int("seed", d.Seed, 0),
            DataOrderSeed = s.OptionalInt("data_order_seed", 0),
            InitSeed = s.OptionalInt("init_seed", 0),
            EvalInterval = s.Int("eval_interval", d.EvalInterval, 1),
            EvalBatches = s.Int("eval_batches", d.EvalBatches, 1),
            FinalEvalBatches = s.OptionalInt("final_eval_batches", 1),
            CheckpointInterval = s.Int("checkpoint_interval", d.CheckpointInterval, 0),
            Threads = s.Int("threads", d.Threads, 1, 4096),
            Device = s.Choice("device", d.Device),
            Precision = s.Choice("precision", d.Precision),
        };
    }

    static OptimizerSpec ReadOptimizer(YamlSection? s)
    {
        var d = new OptimizerSpec();
        if (s is null) return d;
        var betas = s.Pair("betas", 0, 0.9999999, minExclusive: false);
        return new OptimizerSpec
        {
            Type = s.Choice("type", d.Type),
            Lr = s.Number("lr", d.Lr, 0, 10, minExclusive: true),
            Beta1 = betas?.First ?? d.Beta1,
            Beta2 = betas?.Second ?? d.Beta2,
            Eps = s.Number("eps", d.Eps, 0, 1, minExclusive: true),
            WeightDecay = s.Number("weight_decay", d.WeightDecay, 0, 10),
        };
    }

    static SearchSpec ReadSearch(YamlSection? s)
    {
        var d = new SearchSpec();
        if (s is null) return d;
        var grid = s.Section("grid", GridKeys);
        var random = s.Section("random", RandomKeys);
        return new SearchSpec
        {
            Enabled = s.Bool("enabled", d.Enabled),
            ProxyWidth = s.OptionalInt("proxy_width", 1, MaxWidth),
            Rungs = s.IntList("rungs", d.Rungs, 1, MaxWidth),
            RungLr = s.NumberList("rung_lr", d.RungLr, 0, 10, minExclusive: true),
            Steps = s.OptionalInt("steps", 1),
            Seeds = s.Int("seeds", d.Seeds, 1, 100),
            // A `random:` section replaces the default grid; giving both is reported by the validator.
            Grid = grid is not null ? ReadGrid(grid) : s.Has("random") ? null : d.Grid,
            Random = random is not null ? ReadRandom(random) : null,
        };
    }

    static SearchGrid ReadGrid(YamlSection s)
    {
        var d = new SearchGrid();
        return new SearchGrid
        {
            Lr = s.NumberList("lr", d.Lr, 0, 10, minExclusive: true),
            InitStd = s.NumberList("init_std", d.InitStd, 0, 10, minExclusive: true),
            OutputMult = s.NumberList("output_mult", d.OutputMult, 0, 1e6, minExclusive: true),
        };
    }

    static RandomSearch ReadRandom(YamlSection s)
    {
        var d = new RandomSearch();
        return new RandomSearch
        {
            Budget = s.Int("budget", d.Budget, 1, 100_000),
            Seed = s.Int("seed", d.Seed, 0),
            Lr = ReadRange(s, "lr", 10) ?? d.Lr,
            InitStd = ReadRange(s, "init_std", 10),
            OutputMult = ReadRange(s, "output_mult", 1e6),
        };
    }

    static ValueRange? ReadRange(YamlSection s, string key, double max) =>
        s.Pair(key, 0, max, minExclusive: true) is { } pair ? new ValueRange(pair.First, pair.Second) : null;

    static LadderSpec ReadLadder(YamlSection? s)
    {
        var d = new LadderSpec();
        if (s is null) return d;
        return new LadderSpec
        {
            Widths = s.IntList("widths", d.Widths, 1, MaxWidth),
            Seeds = s.Int("seeds", d.Seeds, 1, 1000),
            SeedsByWidth = s.IntMap("seeds_by_width", 1, MaxWidth, 1, 1000),
        };
    }

    static IReadOnlyList<TargetSpec> ReadTargets(YamlSection root, SpecDiagnostics sink)
    {
        var items = root.Sequence("targets");
        if (items is null) return new ExperimentSpec().Targets;
        var targets = new List<TargetSpec>();
        for (int i = 0; i < items.Children.Count; i++)
        {
            string path = $"targets[{i}]";
            var item = items.Children[i];
            root.Remember(path, item);
            if (item is not YamlMappingNode mapping)
            {
                sink.Error(DiagnosticCodes.WrongType, YamlSection.Position(item),
                    $"'{path}' must be a mapping such as {{ width: 384 }} or {{ params: 5e6 }}, not {YamlScalars.Describe(item)}");
                continue;
            }
            var t = new YamlSection(mapping, path, TargetKeys, sink);
            targets.Add(new TargetSpec(t.OptionalInt("width", 1, MaxWidth), t.OptionalLong("params", 1), t.Bool("verify", false)));
        }
        return targets;
    }

    static PredictSpec ReadPredict(YamlSection? s, SpecDiagnostics sink)
    {
        var d = new PredictSpec();
        if (s is null) return d;
        return new PredictSpec
        {
            Law = s.Choice("law", d.Law, PredictSpec.Laws),
            FitStep = s.OptionalInt("fit_step", 1),
            BurnIn = ReadBurnIn(s, sink),
            AssumedRunNoise = s.Number("assumed_run_noise", d.AssumedRunNoise, 0, 0.5),
            LossFloor = s.Choice("loss_floor", d.LossFloor),
            Level = s.Number("level", d.Level, PredictSpec.MinLevel, PredictSpec.MaxLevel),
        };
    }

    // `auto` (or no value) finds the end of the plateau from the curves; a whole number fixes the step.
    static int? ReadBurnIn(YamlSection s, SpecDiagnostics sink)
    {
        var node = s.Node("burn_in");
        if (node is null || node is YamlScalarNode { Value: "auto" }) return null;
        if (!YamlScalars.TryInteger(node, out _))
        {
            sink.Error(DiagnosticCodes.WrongType, YamlSection.Position(node),
                $"'predict.burn_in' must be auto or a step (an integer), not {YamlScalars.Describe(node)}");
            return null;
        }
        return s.OptionalInt("burn_in", 0);
    }
}

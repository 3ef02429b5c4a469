using System.Globalization;
using System.Text;

namespace NanoLM.Spec;

/// <summary>Writes a spec as nanolm.yaml with every field explicit; reading the text back gives an equal spec.</summary>
public static class SpecWriter
{
    public static string ToYaml(ExperimentSpec spec)
    {
        var (data, model, train, optimizer, search) = (spec.Data, spec.Model, spec.Train, spec.Train.Optimizer, spec.Search);
        var y = new StringBuilder();
        y.AppendLine($"name: {Quote(spec.Name)}");
        y.AppendLine("data:");
        y.AppendLine($"  source: {Name(data.Source)}");
        if (data.Source == DataSource.Synthetic) y.AppendLine($"  seed: {data.Seed}");
        foreach (var (key, value) in data.Language.Entries())
            if (value is not null) y.AppendLine($"  {key}: {(value is double number ? Number(number) : value)}");
        if (data.Path is not null) y.AppendLine($"  path: {Quote(data.Path)}");
        y.AppendLine($"  vocab_size: {data.VocabSize}");
        y.AppendLine("model:");
        y.AppendLine($"  family: {Name(model.Family)}");
        y.AppendLine($"  depth: {model.Depth}");
        y.AppendLine($"  head_dim: {model.HeadDim}");
        y.AppendLine($"  seq_len: {model.SeqLen}");
        y.AppendLine($"  base_width: {model.BaseWidth}");
        y.AppendLine($"  alpha_in: {Number(model.AlphaIn)}");
        y.AppendLine($"  alpha_out: {Number(model.AlphaOut)}");
        y.AppendLine($"  alpha_attn: {Number(model.AlphaAttn)}");
        y.AppendLine($"  init_std: {Number(model.InitStd)}");
        y.AppendLine($"  zero_init: {Bool(model.ZeroInit)}");
        y.AppendLine($"parametrization: {Name(spec.Parametrization)}");
        y.AppendLine("train:");
        y.AppendLine($"  batch: {train.Batch}");
        y.AppendLine($"  steps: {train.Steps}");
        y.AppendLine($"  schedule: {Name(train.Schedule)}");
        y.AppendLine($"  warmup: {train.Warmup}");
        y.AppendLine($"  min_lr_ratio: {Number(train.MinLrRatio)}");
        y.AppendLine($"  decay_fraction: {Number(train.DecayFraction)}");
        y.AppendLine("  optimizer:");
        y.AppendLine($"    type: {Name(optimizer.Type)}");
        y.AppendLine($"    lr: {Number(optimizer.Lr)}");
        y.AppendLine($"    betas: [{Number(optimizer.Beta1)}, {Number(optimizer.Beta2)}]");
        y.AppendLine($"    eps: {Number(optimizer.Eps)}");
        y.AppendLine($"    weight_decay: {Number(optimizer.WeightDecay)}");
        y.AppendLine($"  weight_decay_mode: {Name(train.WeightDecayMode)}");
        y.AppendLine($"  grad_clip: {Number(train.GradClip)}");
        y.AppendLine($"  seed: {train.Seed}");
        if (train.DataOrderSeed is { } dataOrderSeed) y.AppendLine($"  data_order_seed: {dataOrderSeed}");
        if (train.InitSeed is { } initSeed) y.AppendLine($"  init_seed: {initSeed}");
        y.AppendLine($"  eval_interval: {train.EvalInterval}");
        y.AppendLine($"  eval_batches: {train.EvalBatches}");
        if (train.FinalEvalBatches is { } finalEvalBatches) y.AppendLine($"  final_eval_batches: {finalEvalBatches}");
        y.AppendLine($"  checkpoint_interval: {train.CheckpointInterval}");
        y.AppendLine($"  threads: {train.Threads}");
        y.AppendLine($"  device: {Name(train.Device)}");
        y.AppendLine($"  precision: {Name(train.Precision)}");
        y.AppendLine("search:");
        y.AppendLine($"  enabled: {Bool(search.Enabled)}");
        if (search.ProxyWidth is { } proxy) y.AppendLine($"  proxy_width: {proxy}");
        if (search.Rungs.Count > 0) y.AppendLine($"  rungs: [{string.Join(", ", search.Rungs)}]");
        if (search.RungLr.Count > 0) y.AppendLine($"  rung_lr: {List(search.RungLr)}");
        if (search.Steps is { } searchSteps) y.AppendLine($"  steps: {searchSteps}");
        if (search.Seeds != 1) y.AppendLine($"  seeds: {search.Seeds}");
        if (search.Grid is { } grid)
        {
            y.AppendLine("  grid:");
            y.AppendLine($"    lr: {List(grid.Lr)}");
            y.AppendLine($"    init_std: {List(grid.InitStd)}");
            y.AppendLine($"    output_mult: {List(grid.OutputMult)}");
        }
        if (search.Random is { } random)
        {
            y.AppendLine("  random:");
            y.AppendLine($"    budget: {random.Budget}");
            y.AppendLine($"    seed: {random.Seed}");
            y.AppendLine($"    lr: {Range(random.Lr)}");
            if (random.InitStd is { } s) y.AppendLine($"    init_std: {Range(s)}");
            if (random.OutputMult is { } o) y.AppendLine($"    output_mult: {Range(o)}");
        }
        y.AppendLine("ladder:");
        y.AppendLine($"  widths: [{string.Join(", ", spec.Ladder.Widths)}]");
        y.AppendLine($"  seeds: {spec.Ladder.Seeds}");
        if (spec.Ladder.SeedsByWidth.Count > 0)
            y.AppendLine($"  seeds_by_width: {{ {string.Join(", ", spec.Ladder.SeedsByWidth.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))} }}");
        y.AppendLine(spec.Targets.Count == 0 ? "targets: []" : "targets:");
        foreach (var target in spec.Targets)
        {
            string size = target.Width is { } w ? $"width: {w}" : $"params: {target.Params}";
            y.AppendLine($"  - {{ {size}, verify: {Bool(target.Verify)} }}");
        }
        y.AppendLine("predict:");
        y.AppendLine($"  law: {Name(spec.Predict.Law)}");
        if (spec.Predict.FitStep is { } fitStep) y.AppendLine($"  fit_step: {fitStep}");
        if (spec.Predict.BurnIn is { } burnIn) y.AppendLine($"  burn_in: {burnIn}");
        if (spec.Predict.AssumedRunNoise != PredictDefaults.AssumedRunNoise) y.AppendLine($"  assumed_run_noise: {Number(spec.Predict.AssumedRunNoise)}");
        if (spec.Predict.LossFloor != PredictDefaults.LossFloor) y.AppendLine($"  loss_floor: {Name(spec.Predict.LossFloor)}");
        if (spec.Predict.Level != PredictDefaults.Level) y.AppendLine($"  level: {Number(spec.Predict.Level)}");
        return y.ToString();
    }

    static string Name<T>(T value) where T : struct, Enum => ChoiceName.Of(value);
    static string Bool(bool value) => value ? "true" : "false";
    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    static string List(IReadOnlyList<double> values) => $"[{string.Join(", ", values.Select(Number))}]";
    static string Range(ValueRange range) => $"[{Number(range.Min)}, {Number(range.Max)}]";
    static string Quote(string text) => $"\"{text.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}

using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class SpecRoundTripTests
{
    static readonly SpecLoadOptions PlentyOfMemory = new() { MemoryBudgetBytes = 64L << 30 };

    const string FullSpec = """
        name: tiny-brown
        data:
          source: shards
          path: data/brown
          vocab_size: 256
        model:
          family: gpt
          depth: 2
          head_dim: 8
          seq_len: 128
          base_width: 32
          alpha_in: 2
          alpha_out: 1.5
          alpha_attn: 1
          init_std: 0.02
          zero_init: true
        parametrization: mup
        train:
          batch: 16
          steps: 2000
          schedule: wsd
          warmup: 100
          decay_fraction: 0.25
          optimizer:
            lr: 0.014
            betas: [0.9, 0.98]
            eps: 1e-8
            weight_decay: 0.1
          weight_decay_mode: coupled
          grad_clip: 1
          seed: 7
          eval_interval: 200
          eval_batches: 4
          checkpoint_interval: 500
          threads: 2
          device: cpu
        search:
          proxy_width: 32
          rungs: [48]
          rung_lr: [0.002, 0.004]
          steps: 1000
          random:
            budget: 6
            seed: 3
            lr: [0.003, 0.03]
            output_mult: [0.5, 4]
        ladder:
          widths: [32, 48, 64, 96, 128]
          seeds: 2
          seeds_by_width: { 128: 3, 32: 1 }
        targets:
          - width: 384
            verify: true
          - params: 50000000
        predict:
          law: power
          fit_step: 2000
        """;

    [Fact]
    public void A_name_alone_is_a_valid_spec_with_the_tiny_cpu_defaults()
    {
        var result = SpecLoader.Parse("name: defaults\n", "nanolm.yaml", PlentyOfMemory);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new ExperimentSpec().Model, result.Spec!.Model);
        Assert.Equal([32, 48, 64, 96, 128], result.Spec.Ladder.Widths);
    }

    [Fact]
    public void Every_field_of_a_full_spec_is_read()
    {
        var result = SpecLoader.Parse(FullSpec, "nanolm.yaml", PlentyOfMemory);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var spec = result.Spec!;
        Assert.Equal(DataSource.Shards, spec.Data.Source);
        Assert.Equal("data/brown", spec.Data.Path);
        Assert.Equal(2.0, spec.Model.AlphaIn);
        Assert.Equal(LearningRateSchedule.Wsd, spec.Train.Schedule);
        Assert.Equal(0.98, spec.Train.Optimizer.Beta2);
        Assert.Equal(WeightDecayMode.Coupled, spec.Train.WeightDecayMode);
        Assert.Null(spec.Search.Grid);
        Assert.Equal([48], spec.Search.Rungs);
        Assert.Equal(new ValueRange(0.5, 4), spec.Search.Random!.OutputMult);
        Assert.Equal(2, spec.Ladder.Seeds);
        Assert.Equal([1, 2, 2, 2, 3], spec.Ladder.Widths.Select(spec.Ladder.SeedsAt));
        Assert.Equal(new TargetSpec(384, null, true), spec.Targets[0]);
        Assert.Equal(new TargetSpec(null, 50_000_000, false), spec.Targets[1]);
        Assert.Equal(2000, spec.Predict.FitStep);
    }

    [Fact]
    public void A_valid_spec_round_trips_through_its_yaml()
    {
        var spec = SpecLoader.Parse(FullSpec, "nanolm.yaml", PlentyOfMemory).SpecOrThrow();
        string written = SpecWriter.ToYaml(spec);
        var reread = SpecLoader.Parse(written, "nanolm.yaml", PlentyOfMemory);
        Assert.True(reread.Succeeded, string.Join("\n", reread.Diagnostics));
        Assert.Equal(written, SpecWriter.ToYaml(reread.Spec!));
        Assert.Equal(spec.Model, reread.Spec!.Model);
        Assert.Equal(spec.Train, reread.Spec.Train);
        Assert.Equal([48], reread.Spec.Search.Rungs);
        Assert.Equal([0.002, 0.004], reread.Spec.Search.RungLr);
        Assert.Equal(spec.Ladder.SeedsByWidth, reread.Spec.Ladder.SeedsByWidth);
        Assert.Equal(spec.Targets, reread.Spec.Targets);
    }

    [Fact]
    public void A_loss_floor_other_than_the_default_round_trips_and_an_unknown_one_lists_the_choices()
    {
        var other = PredictDefaults.LossFloor == LossFloor.None ? LossFloor.Oracle : LossFloor.None;
        string name = other.ToString().ToLowerInvariant();
        var spec = SpecLoader.Parse($"predict:\n  loss_floor: {name}\n", "nanolm.yaml", PlentyOfMemory).SpecOrThrow();
        Assert.Equal(other, spec.Predict.LossFloor);
        Assert.Contains($"loss_floor: {name}", SpecWriter.ToYaml(spec));
        Assert.Equal(other, SpecLoader.Parse(SpecWriter.ToYaml(spec), "nanolm.yaml", PlentyOfMemory).SpecOrThrow().Predict.LossFloor);
        Assert.DoesNotContain("loss_floor", SpecWriter.ToYaml(new ExperimentSpec()));

        var wrong = SpecLoader.Parse("predict:\n  loss_floor: oracel\n", "nanolm.yaml", PlentyOfMemory).Diagnostics.Single();
        Assert.Equal(2, wrong.Line);
        Assert.Contains("must be one of oracle, none", wrong.Message);
    }

    [Fact]
    public void Default_spec_round_trips_through_its_yaml()
    {
        string written = SpecWriter.ToYaml(new ExperimentSpec());
        var reread = SpecLoader.Parse(written, "nanolm.yaml", PlentyOfMemory);
        Assert.Empty(reread.Diagnostics);
        Assert.Equal(written, SpecWriter.ToYaml(reread.Spec!));
    }
}

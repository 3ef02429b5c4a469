using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class ResolvedSettingsTests
{
    static ResolvedSettings DefaultRung(int width = 64) =>
        ResolvedSettings.For(new ExperimentSpec(), width, seed: 0, steps: 1000, new Hyperparameters(0.01, 0.02, 1.0));

    [Fact]
    public void Canonical_json_is_sorted_compact_and_pinned()
    {
        // Pinned on purpose: if this changes, every stored run identity changes; bump ResolvedSettings.IdentityScheme.
        Assert.Equal(
            """{"data":{"seed":1234,"source":"synthetic","vocab_size":256},"model":{"alpha_attn":1,"alpha_in":1,"alpha_out":1,"base_width":32,"depth":2,"family":"gpt","head_dim":8,"init_std":0.02,"parametrization":"mup","seq_len":128,"width":64,"zero_init":true},"optimizer":{"beta1":0.9,"beta2":0.95,"eps":1E-08,"lr":0.01,"type":"adamw","weight_decay":0.1},"train":{"batch":16,"eval_batches":8,"eval_interval":100,"grad_clip":1,"min_lr_ratio":0.1,"schedule":"cosine","seed":0,"steps":1000,"warmup":100,"weight_decay_mode":"coupled"}}""",
            DefaultRung().ToCanonicalJson());
    }

    [Fact]
    public void Identity_is_a_stable_sha256_of_the_canonical_settings()
    {
        string identity = DefaultRung().ComputeIdentity();
        Assert.Matches("^[0-9a-f]{64}$", identity);
        Assert.Equal(identity, DefaultRung().ComputeIdentity());
        Assert.NotEqual(identity, DefaultRung(width: 96).ComputeIdentity());
    }

    [Fact]
    public void Execution_details_do_not_change_the_identity()
    {
        var spec = new ExperimentSpec();
        var busier = spec with { Train = spec.Train with { CheckpointInterval = 10, Device = TrainingDevice.Cuda }, Name = "renamed" };
        var point = Hyperparameters.FromSpec(spec);
        Assert.Equal(
            ResolvedSettings.For(spec, 64, 0, 1000, point).ComputeIdentity(),
            ResolvedSettings.For(busier, 64, 0, 1000, point).ComputeIdentity());
    }

    [Fact]
    public void A_larger_final_validation_sample_is_another_run_and_unset_or_equal_keeps_the_identity()
    {
        var spec = new ExperimentSpec();
        var point = Hyperparameters.FromSpec(spec);
        string Identity(int? finalBatches) => ResolvedSettings.For(spec with { Train = spec.Train with { FinalEvalBatches = finalBatches } }, 64, 0, 1000, point).ComputeIdentity();

        Assert.Equal(Identity(null), Identity(spec.Train.EvalBatches));
        Assert.NotEqual(Identity(null), Identity(312));
        Assert.Equal(spec.Train.EvalBatches * spec.Train.Batch, spec.Train.FinalValidationWindows);
        Assert.Equal(312 * spec.Train.Batch, (spec.Train with { FinalEvalBatches = 312 }).FinalValidationWindows);
        var read = SpecLoader.Parse("name: x\ntrain:\n  final_eval_batches: 312\n", "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();
        Assert.Equal(312, read.Train.FinalEvalBatches);
        Assert.Contains("  final_eval_batches: 312\n", SpecWriter.ToYaml(read));
    }

    [Fact]
    public void The_thread_count_is_part_of_the_identity_except_at_the_default()
    {
        // libtorch's CPU reductions split their sums by thread count: 1 and 2 threads train to different losses.
        var spec = new ExperimentSpec();
        var point = Hyperparameters.FromSpec(spec);
        string Identity(int threads) => ResolvedSettings.For(spec with { Train = spec.Train with { Threads = threads } }, 64, 0, 1000, point).ComputeIdentity();

        Assert.Equal(TrainSpec.DefaultThreads, ResolvedSettings.For(spec, 64, 0, 1000, point).ThreadCount);
        Assert.DoesNotContain("threads", ResolvedSettings.For(spec, 64, 0, 1000, point).ToCanonicalJson());
        Assert.Equal(3, new[] { Identity(1), Identity(TrainSpec.DefaultThreads), Identity(4) }.Distinct().Count());
        Assert.Contains("\"threads\":1", ResolvedSettings.For(spec with { Train = spec.Train with { Threads = 1 } }, 64, 0, 1000, point).ToCanonicalJson());
    }

    [Fact]
    public void Values_the_schedule_never_reads_do_not_change_the_identity()
    {
        var spec = new ExperimentSpec();
        var otherDecay = spec with { Train = spec.Train with { DecayFraction = 0.5 } };
        var point = Hyperparameters.FromSpec(spec);
        Assert.Equal(
            ResolvedSettings.For(spec, 64, 0, 1000, point).ComputeIdentity(),
            ResolvedSettings.For(otherDecay, 64, 0, 1000, point).ComputeIdentity());
    }

    [Fact]
    public void Bf16_is_another_run_and_fp32_keeps_the_identities_recorded_before_precision_existed()
    {
        var spec = new ExperimentSpec();
        var bf16 = spec with { Train = spec.Train with { Precision = Precision.Bf16 } };
        var point = Hyperparameters.FromSpec(spec);

        Assert.DoesNotContain("precision", ResolvedSettings.For(spec, 64, 0, 1000, point).ToCanonicalJson());
        Assert.Contains("\"precision\":\"bf16\"", ResolvedSettings.For(bf16, 64, 0, 1000, point).ToCanonicalJson());
        Assert.NotEqual(
            ResolvedSettings.For(spec, 64, 0, 1000, point).ComputeIdentity(),
            ResolvedSettings.For(bf16, 64, 0, 1000, point).ComputeIdentity());
    }

    [Fact]
    public void Precision_is_read_from_nanolm_yaml_and_an_unknown_one_is_an_error_on_its_line()
    {
        var spec = SpecLoader.Parse("train:\n  precision: bf16\n", "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();
        Assert.Equal(Precision.Bf16, spec.Train.Precision);
        Assert.Contains("precision: bf16", SpecWriter.ToYaml(spec));

        var bad = SpecLoader.Parse("train:\n  precision: fp16\n", "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 });
        var error = Assert.Single(bad.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(2, error.Line);
        Assert.Contains("bf16", error.Message);
    }

    [Fact]
    public void Fixing_the_data_order_or_the_init_seed_makes_other_runs_and_leaving_them_unset_keeps_old_identities()
    {
        var spec = new ExperimentSpec();
        var point = Hyperparameters.FromSpec(spec);
        var fixedOrder = spec with { Train = spec.Train with { DataOrderSeed = 7 } };
        var fixedInit = spec with { Train = spec.Train with { InitSeed = 7 } };
        string plain = ResolvedSettings.For(spec, 64, 0, 1000, point).ToCanonicalJson();

        Assert.DoesNotContain("data_order_seed", plain);
        Assert.DoesNotContain("init_seed", plain);
        Assert.Contains("\"data_order_seed\":7", ResolvedSettings.For(fixedOrder, 64, 0, 1000, point).ToCanonicalJson());
        Assert.Contains("\"init_seed\":7", ResolvedSettings.For(fixedInit, 64, 0, 1000, point).ToCanonicalJson());
        Assert.Equal(3, new[] { spec, fixedOrder, fixedInit }.Select(s => ResolvedSettings.For(s, 64, 0, 1000, point).ComputeIdentity()).Distinct().Count());
    }

    [Fact]
    public void Data_order_and_init_seeds_are_read_from_nanolm_yaml_written_back_and_a_negative_one_is_an_error_on_its_line()
    {
        var options = new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 };
        var spec = SpecLoader.Parse("train:\n  data_order_seed: 3\n  init_seed: 4\n", "nanolm.yaml", options).SpecOrThrow();
        Assert.Equal((3, 4), (spec.Train.DataOrderSeed, spec.Train.InitSeed));
        var again = SpecLoader.Parse(SpecWriter.ToYaml(spec), "nanolm.yaml", options).SpecOrThrow();
        Assert.Equal((3, 4), (again.Train.DataOrderSeed, again.Train.InitSeed));
        Assert.Null(SpecLoader.Parse("train:\n  seed: 2\n", "nanolm.yaml", options).SpecOrThrow().Train.DataOrderSeed);

        var bad = SpecLoader.Parse("train:\n  seed: 2\n  data_order_seed: -1\n", "nanolm.yaml", options);
        var error = Assert.Single(bad.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(3, error.Line);
        Assert.Contains("data_order_seed", error.Message);
    }

    [Fact]
    public void Fixing_both_the_data_order_and_the_init_with_several_seeds_warns_that_the_seeds_are_one_run()
    {
        var options = new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 };
        string yaml = "train:\n  data_order_seed: 1\n  init_seed: 1\nladder:\n  widths: [32, 64, 96, 128]\n  seeds: SEEDS\n";
        var warning = Assert.Single(SpecLoader.Parse(yaml.Replace("SEEDS", "2"), "nanolm.yaml", options).Diagnostics,
            d => d.Code == DiagnosticCodes.SeedsIdentical);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(3, warning.Line);
        Assert.DoesNotContain(SpecLoader.Parse(yaml.Replace("SEEDS", "1"), "nanolm.yaml", options).Diagnostics,
            d => d.Code == DiagnosticCodes.SeedsIdentical);
    }
}

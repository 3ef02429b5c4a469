using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using NanoLM.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Tests;

public class LlamaTests
{
    static readonly ModelConfig Base = new()
    {
        Family = ModelFamily.Llama, Width = 32, BaseWidth = 32, Depth = 2, HeadDim = 8, SequenceLength = 16, VocabularySize = 32,
    };

    [Fact]
    public void Llama_has_RMSNorm_gains_SwiGLU_and_no_biases_or_position_table()
    {
        using var model = new Llama(Base, seed: 0);
        var names = model.ParametersWithRoles().Select(p => p.Name).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".bias", StringComparison.Ordinal) || n.StartsWith("wpe", StringComparison.Ordinal));
        var gateUp = model.ParametersWithRoles().Single(p => p.Name == "blocks.0.mlp.gate_up.weight").Parameter;
        Assert.Equal(new long[] { 2 * ModelSize.SwiGluHiddenSize(32), 32 }, gateUp.shape);
        Assert.All(model.ParametersWithRoles().Where(p => p.Role == ParameterRole.Vector),
            p => Assert.Equal(1f, p.Parameter.min().item<float>()));
    }

    [Fact]
    public void MuP_at_base_width_has_the_same_weights_and_outputs_as_SP()
    {
        using var mup = new Llama(Base with { Parametrization = Parametrization.Mup }, seed: 7);
        using var sp = new Llama(Base with { Parametrization = Parametrization.Sp }, seed: 7);
        foreach (var ((name, a, _), (_, b, _)) in mup.ParametersWithRoles().Zip(sp.ParametersWithRoles()))
            Assert.True(a.allclose(b, rtol: 0, atol: 0), $"{name} differs");
        using var tokens = randint(0, 32, [2, 16], dtype: ScalarType.Int64);
        using var mupLogits = mup.forward(tokens);
        using var spLogits = sp.forward(tokens);
        Assert.True(mupLogits.allclose(spLogits, rtol: 0, atol: 0));
    }

    [Fact]
    public void MuP_at_base_width_trains_like_SP_when_the_attention_scales_agree()
    {
        var config = Base with { AttentionMultiplier = Math.Sqrt(Base.HeadDim), ZeroInitQueryAndReadout = false };
        var mupLosses = TrainFewSteps(config with { Parametrization = Parametrization.Mup });
        var spLosses = TrainFewSteps(config with { Parametrization = Parametrization.Sp });
        Assert.Equal(spLosses, mupLosses);
        Assert.True(mupLosses[^1] < mupLosses[0], $"loss went from {mupLosses[0]} to {mupLosses[^1]}");
    }

    [Fact]
    public void Wider_MuP_Llama_shrinks_hidden_init_by_sqrt_m_and_residual_init_by_sqrt_2Lm()
    {
        var wide = Base with { Width = 128, ZeroInitQueryAndReadout = false };
        using var model = new Llama(wide, seed: 1);
        double m = 4;
        foreach (var (name, parameter, role) in model.ParametersWithRoles())
        {
            double expected = role switch
            {
                ParameterRole.Embedding or ParameterRole.Readout => 0.02,
                ParameterRole.Hidden => 0.02 / Math.Sqrt(m),
                ParameterRole.ResidualOutput => 0.02 / Math.Sqrt(2 * wide.Depth * m),
                _ => double.NaN,
            };
            if (double.IsNaN(expected)) continue;
            Assert.InRange(parameter.std().item<float>() / expected, 0.9, 1.1);
        }
    }

    [Fact]
    public void SwiGLU_matrices_are_hidden_and_RMSNorm_gains_are_vectors_in_the_optimizer()
    {
        var config = Base with { Width = 64, BaseWidth = 16 };
        using var model = new Llama(config, seed: 0);
        var roles = model.ParametersWithRoles().ToDictionary(p => p.Name, p => p.Role);
        Assert.Equal(ParameterRole.Hidden, roles["blocks.0.mlp.gate_up.weight"]);
        Assert.Equal(ParameterRole.ResidualOutput, roles["blocks.0.mlp.down.weight"]);
        Assert.Equal(ParameterRole.Vector, roles["blocks.0.attn_norm.weight"]);
        Assert.Equal(ParameterRole.Vector, roles["norm.weight"]);
        double eta = 3e-3, m = 4;
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = eta, WeightDecay = 0.1 });
        foreach (var group in optimizer.Groups)
        {
            Assert.Equal(group.Role is ParameterRole.Hidden or ParameterRole.ResidualOutput ? eta / m : eta, group.BaseLearningRate, 12);
            if (group.Role == ParameterRole.Vector) Assert.Equal(0, group.WeightDecay);
        }
    }

    [Fact]
    public void Zero_init_starts_queries_and_readout_at_zero()
    {
        using var model = new Llama(Base, seed: 3);
        var roles = model.ParametersWithRoles();
        Assert.Equal(0f, roles.Single(p => p.Role == ParameterRole.Readout).Parameter.abs().max().item<float>());
        foreach (var qkv in roles.Where(p => p.Name.EndsWith("attn.qkv.weight", StringComparison.Ordinal)))
        {
            Assert.Equal(0f, qkv.Parameter.narrow(0, 0, Base.Width).abs().max().item<float>());
            Assert.True(qkv.Parameter.narrow(0, Base.Width, Base.Width).abs().max().item<float>() > 0);
        }
    }

    [Fact]
    public void Llama_is_causal_a_later_token_never_changes_earlier_logits()
    {
        using var model = new Llama(Base with { ZeroInitQueryAndReadout = false }, seed: 2);
        using var tokens = randint(0, 32, [1, 16], dtype: ScalarType.Int64, generator: new Generator(9));
        using var changed = tokens.clone();
        changed[0, 10] = (tokens[0, 10] + 1) % 32;
        using var before = model.forward(tokens);
        using var after = model.forward(changed);
        Assert.True(before.narrow(1, 0, 10).allclose(after.narrow(1, 0, 10), rtol: 0, atol: 0));
        Assert.False(before.narrow(1, 10, 6).allclose(after.narrow(1, 10, 6)));
    }

    [Fact]
    public void GPT_configs_serialise_as_before_the_family_existed_so_their_checkpoints_still_load()
    {
        string gpt = System.Text.Json.JsonSerializer.Serialize(Base with { Family = ModelFamily.Gpt });
        Assert.DoesNotContain("Family", gpt);
        Assert.StartsWith("{\"Width\":32,", gpt);
        Assert.Contains("\"Family\":1", System.Text.Json.JsonSerializer.Serialize(Base));
    }

    [Theory]
    [InlineData(Precision.Fp32)]
    [InlineData(Precision.Bf16)]
    public void Resumed_Llama_run_reproduces_the_uninterrupted_losses(Precision precision)
    {
        var config = Base with { Width = 32, BaseWidth = 16 };
        var train = ArrayTokenSource.Random(4000, 32, seed: 1);
        var settings = new TrainingSettings
        {
            Steps = 6, BatchSize = 4, Optimizer = new AdamWSettings { LearningRate = 1e-2 }, EvaluateEvery = 3, ValidationWindows = 4,
            CheckpointEvery = 2, DataSeed = 3, InitSeed = 4, Threads = 1, Precision = precision,
        };
        using var straightDir = new TemporaryDirectory();
        var straight = new RecordingRecorder();
        Assert.Equal(RunOutcome.Finished, new LanguageModelTrainer(config, settings).Run(train, train, straight, straightDir.Path).Outcome);

        using var resumedDir = new TemporaryDirectory();
        using var cancel = new CancellationTokenSource();
        var first = new RecordingRecorder(m => { if (m.Step == 3) cancel.Cancel(); });
        Assert.Equal(RunOutcome.Interrupted, new LanguageModelTrainer(config, settings).Run(train, train, first, resumedDir.Path, cancel.Token).Outcome);
        var second = new RecordingRecorder();
        Assert.Equal(RunOutcome.Finished, new LanguageModelTrainer(config, settings).Run(train, train, second, resumedDir.Path).Outcome);

        var combined = first.Steps.Concat(second.Steps).ToList();
        Assert.Equal(straight.Steps.Select(s => s.TrainLoss), combined.Select(s => s.TrainLoss));
    }

    static List<float> TrainFewSteps(ModelConfig config)
    {
        using var model = new Llama(config, seed: 11);
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = 1e-2 });
        using var batch = randint(0, config.VocabularySize, [4, config.SequenceLength + 1], dtype: ScalarType.Int64, generator: new Generator(5));
        var losses = new List<float>();
        for (int i = 0; i < 3; i++)
        {
            using var scope = NewDisposeScope();
            var loss = model.Loss(batch.narrow(1, 0, config.SequenceLength), batch.narrow(1, 1, config.SequenceLength));
            losses.Add(loss.item<float>());
            loss.backward();
            optimizer.Step();
            model.zero_grad();
        }
        return losses;
    }
}

using NanoLM.Spec;
using NanoLM.Training.Model;
using NanoLM.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Tests;

public class ParametrizationTests
{
    static readonly ModelConfig Base = new() { Width = 32, BaseWidth = 32, Depth = 2, HeadDim = 8, SequenceLength = 16, VocabularySize = 32 };

    [Fact]
    public void MuP_at_base_width_has_the_same_weights_and_outputs_as_SP()
    {
        using var mup = new Gpt(Base with { Parametrization = Parametrization.Mup }, seed: 7);
        using var sp = new Gpt(Base with { Parametrization = Parametrization.Sp }, seed: 7);
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
        // α_attn = √d_head makes μP's α_attn/d_head equal SP's 1/√d_head; then every update must agree too.
        var config = Base with { AttentionMultiplier = Math.Sqrt(Base.HeadDim), ZeroInitQueryAndReadout = false };
        var mupLosses = TrainFewSteps(config with { Parametrization = Parametrization.Mup });
        var spLosses = TrainFewSteps(config with { Parametrization = Parametrization.Sp });
        Assert.Equal(spLosses, mupLosses);
    }

    [Fact]
    public void Wider_MuP_model_shrinks_hidden_init_by_sqrt_m_and_residual_init_by_sqrt_2Lm()
    {
        var wide = Base with { Width = 128, ZeroInitQueryAndReadout = false };
        using var model = new Gpt(wide, seed: 1);
        double m = 4;
        foreach (var (name, parameter, role) in model.ParametersWithRoles())
        {
            double expected = role switch
            {
                ParameterRole.Embedding => 0.02,
                ParameterRole.Hidden => 0.02 / Math.Sqrt(m),
                ParameterRole.ResidualOutput => 0.02 / Math.Sqrt(2 * wide.Depth * m),
                ParameterRole.Readout => 0.02,
                _ => double.NaN,
            };
            if (double.IsNaN(expected)) continue;
            double measured = parameter.std().item<float>();
            Assert.InRange(measured / expected, 0.9, 1.1);
        }
    }

    [Fact]
    public void Zero_init_starts_queries_and_readout_at_zero()
    {
        using var model = new Gpt(Base, seed: 3);
        var roles = model.ParametersWithRoles();
        Assert.Equal(0f, roles.Single(p => p.Role == ParameterRole.Readout).Parameter.abs().max().item<float>());
        foreach (var qkv in roles.Where(p => p.Name.EndsWith("attn.qkv.weight", StringComparison.Ordinal)))
        {
            Assert.Equal(0f, qkv.Parameter.narrow(0, 0, Base.Width).abs().max().item<float>());
            Assert.True(qkv.Parameter.narrow(0, Base.Width, Base.Width).abs().max().item<float>() > 0);
        }
    }

    static List<float> TrainFewSteps(ModelConfig config)
    {
        using var model = new Gpt(config, seed: 11);
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = 1e-2 });
        var generator = new Generator(5);
        using var batch = randint(0, config.VocabularySize, [4, config.SequenceLength + 1], dtype: ScalarType.Int64, generator: generator);
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

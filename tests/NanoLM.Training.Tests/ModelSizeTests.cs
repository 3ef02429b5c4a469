using NanoLM.Spec;
using NanoLM.Training.Model;

namespace NanoLM.Tests;

public class ModelSizeTests
{
    [Theory]
    [InlineData(16, 1, 16, 8, 32, false)]
    [InlineData(64, 3, 16, 32, 256, false)]
    [InlineData(48, 2, 16, 24, 100, true)]
    public void Model_parameter_count_equals_the_closed_form(int width, int depth, int headDim, int seq, int vocab, bool bias)
    {
        var config = new ModelConfig { Width = width, Depth = depth, HeadDim = headDim, SequenceLength = seq, VocabularySize = vocab, BaseWidth = 16, LinearBias = bias };
        using var model = new Gpt(config, seed: 0);
        var roles = model.ParametersWithRoles();
        long count(Func<ParameterRole, bool> select) => roles.Where(p => select(p.Role)).Sum(p => p.Parameter.numel());
        Assert.Equal(ModelSize.TotalParameters(width, depth, vocab, seq, bias), count(_ => true));
        Assert.Equal(ModelSize.EmbeddingParameters(width, vocab, seq), count(r => r == ParameterRole.Embedding));
        Assert.Equal(ModelSize.ReadoutParameters(width, vocab), count(r => r == ParameterRole.Readout));
        Assert.Equal(ModelSize.NonEmbeddingParameters(width, depth, bias), count(r => r is not (ParameterRole.Embedding or ParameterRole.Readout)));
    }

    [Theory]
    [InlineData(16, 1, 8, 8, 32)]
    [InlineData(48, 2, 16, 24, 100)]
    [InlineData(64, 3, 16, 32, 256)]
    public void Llama_parameter_count_equals_the_closed_form(int width, int depth, int headDim, int seq, int vocab)
    {
        var config = new ModelConfig { Family = ModelFamily.Llama, Width = width, Depth = depth, HeadDim = headDim, SequenceLength = seq, VocabularySize = vocab, BaseWidth = 16 };
        using var model = new Llama(config, seed: 0);
        var roles = model.ParametersWithRoles();
        long count(Func<ParameterRole, bool> select) => roles.Where(p => select(p.Role)).Sum(p => p.Parameter.numel());
        Assert.Equal(ModelSize.TotalParameters(ModelFamily.Llama, width, depth, vocab, seq), count(_ => true));
        Assert.Equal(ModelSize.EmbeddingParameters(ModelFamily.Llama, width, vocab, seq), count(r => r == ParameterRole.Embedding));
        Assert.Equal(ModelSize.NonEmbeddingParameters(ModelFamily.Llama, width, depth), count(r => r is not (ParameterRole.Embedding or ParameterRole.Readout)));
    }

    [Fact]
    public void SwiGLU_keeps_about_GPTs_MLP_parameters_so_the_families_have_nearly_equal_N()
    {
        foreach (int width in new[] { 32, 48, 64, 96, 128, 384 })
        {
            int hidden = ModelSize.SwiGluHiddenSize(width);
            Assert.Equal(0, hidden % 8);
            Assert.InRange(hidden, 8.0 * width / 3, 8.0 * width / 3 + 8);
            double ratio = (double)ModelSize.NonEmbeddingParameters(ModelFamily.Llama, width, 2) / ModelSize.NonEmbeddingParameters(ModelFamily.Gpt, width, 2);
            Assert.InRange(ratio, 0.99, 1.05);
        }
    }

    [Fact]
    public void Flops_per_token_match_the_reference_benchmark_accounting()
    {
        // torch_gpt_ref.py --d 128 --seq 128 (4 layers, byte vocabulary): N = 788 736, 6·(N + 128·256) + 12·4·128·128.
        Assert.Equal(788_736, ModelSize.NonEmbeddingParameters(128, 4));
        Assert.Equal(5_715_456.0, ModelSize.TrainingFlopsPerToken(128, 4, 256, 128));
    }
}

using NanoLM.Runs;
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

    [Fact]
    public void Flops_per_token_match_the_reference_benchmark_accounting()
    {
        // torch_gpt_ref.py --d 128 --seq 128 (4 layers, byte vocabulary): N = 788 736, 6·(N + 128·256) + 12·4·128·128.
        Assert.Equal(788_736, ModelSize.NonEmbeddingParameters(128, 4));
        Assert.Equal(5_715_456.0, ModelSize.TrainingFlopsPerToken(128, 4, 256, 128));
    }
}

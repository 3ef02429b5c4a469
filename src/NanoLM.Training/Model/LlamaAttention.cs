using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>Causal self-attention with rotary queries and keys, a fused QKV projection without biases, and GPT's μP score scale.</summary>
public sealed class LlamaAttention : Module
{
    readonly Linear qkv;
    readonly Linear proj;
    readonly int _heads, _headDim;
    // As in CausalSelfAttention: SDPA divides by √d_head, and this factor on q turns that into the parametrization's scale.
    readonly Scalar? _queryFactor;

    public LlamaAttention(ModelConfig config) : base(nameof(LlamaAttention))
    {
        qkv = Linear(config.Width, 3 * config.Width, hasBias: false);
        proj = Linear(config.Width, config.Width, hasBias: false);
        _heads = config.Heads;
        _headDim = config.HeadDim;
        _queryFactor = LiveScalars.ScaleOrNull(MuPRules.AttentionScale(config) * Math.Sqrt(config.HeadDim));
        RegisterComponents();
    }

    internal Linear Qkv => qkv;

    /// <summary>Attends over <paramref name="x"/> [batch, time, width] with the rotary tables of its positions.</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], time = x.shape[1], width = x.shape[2];
        var parts = qkv.forward(x).split(width, dim: 2);
        var q = RotaryEmbedding.Apply(Heads(parts[0], batch, time), cos, sin);
        var k = RotaryEmbedding.Apply(Heads(parts[1], batch, time), cos, sin);
        var v = Heads(parts[2], batch, time);
        if (_queryFactor is not null) q = q.mul(_queryFactor);
        var y = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        y = y.transpose(1, 2).contiguous().view(batch, time, width);
        return proj.forward(y).MoveToOuterDisposeScope();
    }

    Tensor Heads(Tensor t, long batch, long time) => t.view(batch, time, _heads, _headDim).transpose(1, 2);
}

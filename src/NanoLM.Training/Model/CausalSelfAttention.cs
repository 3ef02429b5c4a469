using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>Multi-head causal self-attention with a fused QKV projection and a parametrization-dependent score scale.</summary>
public sealed class CausalSelfAttention : Module<Tensor, Tensor>
{
    readonly Linear qkv;
    readonly Linear proj;
    readonly int _heads, _headDim;
    // SDPA always divides by √d_head; folding the remaining factor into q gives any scale, e.g. μP's α_attn/d_head.
    readonly Scalar? _queryFactor;

    public CausalSelfAttention(ModelConfig config) : base(nameof(CausalSelfAttention))
    {
        qkv = Linear(config.Width, 3 * config.Width, hasBias: config.LinearBias);
        proj = Linear(config.Width, config.Width, hasBias: config.LinearBias);
        _heads = config.Heads;
        _headDim = config.HeadDim;
        _queryFactor = LiveScalars.ScaleOrNull(MuPRules.AttentionScale(config) * Math.Sqrt(config.HeadDim));
        RegisterComponents();
    }

    internal Linear Qkv => qkv;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], time = x.shape[1], width = x.shape[2];
        var parts = qkv.forward(x).split(width, dim: 2);
        var q = Heads(parts[0], batch, time);
        var k = Heads(parts[1], batch, time);
        var v = Heads(parts[2], batch, time);
        if (_queryFactor is not null) q = q.mul(_queryFactor);
        var y = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        y = y.transpose(1, 2).contiguous().view(batch, time, width);
        return proj.forward(y).MoveToOuterDisposeScope();
    }

    Tensor Heads(Tensor t, long batch, long time) => t.view(batch, time, _heads, _headDim).transpose(1, 2);
}

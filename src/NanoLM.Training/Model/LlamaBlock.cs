using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>One pre-norm Llama block: x + Attn(RMSNorm(x)), then x + SwiGLU(RMSNorm(x)).</summary>
public sealed class LlamaBlock : Module
{
    readonly RmsNorm attn_norm;
    readonly LlamaAttention attn;
    readonly RmsNorm mlp_norm;
    readonly SwiGlu mlp;

    public LlamaBlock(ModelConfig config) : base(nameof(LlamaBlock))
    {
        attn_norm = new RmsNorm(config.Width);
        attn = new LlamaAttention(config);
        mlp_norm = new RmsNorm(config.Width);
        mlp = new SwiGlu(config);
        RegisterComponents();
    }

    internal LlamaAttention Attention => attn;

    /// <summary>The forward pass; with a probe, records the attention, MLP and block outputs under <paramref name="name"/> (as GPT's blocks do).</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, ActivationProbe? probe, string name)
    {
        using var scope = NewDisposeScope();
        var attended = attn.Forward(attn_norm.forward(x), cos, sin);
        probe?.Record($"{name}.attn", attended);
        x = x.Plus(attended);
        var fed = mlp.forward(mlp_norm.forward(x));
        probe?.Record($"{name}.mlp", fed);
        x = x.Plus(fed);
        probe?.Record(name, x);
        return x.MoveToOuterDisposeScope();
    }
}

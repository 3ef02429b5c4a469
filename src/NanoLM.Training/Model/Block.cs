using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>One pre-LN transformer block: x + Attn(LN(x)), then x + MLP(LN(x)).</summary>
public sealed class Block : Module<Tensor, Tensor>
{
    readonly LayerNorm ln_1;
    readonly CausalSelfAttention attn;
    readonly LayerNorm ln_2;
    readonly Mlp mlp;

    public Block(ModelConfig config) : base(nameof(Block))
    {
        ln_1 = LayerNorm(config.Width);
        attn = new CausalSelfAttention(config);
        ln_2 = LayerNorm(config.Width);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    internal CausalSelfAttention Attention => attn;

    public override Tensor forward(Tensor x) => Forward(x, null, "");

    /// <summary>The forward pass; with a probe, records the attention, MLP and block outputs under <paramref name="name"/>.</summary>
    public Tensor Forward(Tensor x, ActivationProbe? probe, string name)
    {
        using var scope = NewDisposeScope();
        var attended = attn.forward(ln_1.forward(x));
        probe?.Record($"{name}.attn", attended);
        x = x.Plus(attended);
        var fed = mlp.forward(ln_2.forward(x));
        probe?.Record($"{name}.mlp", fed);
        x = x.Plus(fed);
        probe?.Record(name, x);
        return x.MoveToOuterDisposeScope();
    }
}

using NanoLM.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>Llama's feed-forward part: W_down(SiLU(W_gate·x) ⊙ W_up·x), hidden size h ≈ 8d/3 (see <see cref="ModelSize.SwiGluHiddenSize"/>).</summary>
public sealed class SwiGlu : Module<Tensor, Tensor>
{
    // W_gate and W_up stacked in one [2h, d] matrix: one matmul instead of two; both halves are μP-hidden alike.
    readonly Linear gate_up;
    readonly Linear down;
    readonly long _hidden;

    public SwiGlu(ModelConfig config) : base(nameof(SwiGlu))
    {
        _hidden = ModelSize.SwiGluHiddenSize(config.Width);
        gate_up = Linear(config.Width, 2 * _hidden, hasBias: false);
        down = Linear(_hidden, config.Width, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var both = gate_up.forward(x);
        var gated = functional.silu(both.narrow(-1, 0, _hidden)) * both.narrow(-1, _hidden, _hidden);
        return down.forward(gated).MoveToOuterDisposeScope();
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>The block's feed-forward part: d → 4d, exact GELU, 4d → d.</summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    readonly Linear fc;
    readonly Linear proj;

    public Mlp(ModelConfig config) : base(nameof(Mlp))
    {
        fc = Linear(config.Width, 4 * config.Width, hasBias: config.LinearBias);
        proj = Linear(4 * config.Width, config.Width, hasBias: config.LinearBias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var hidden = fc.forward(x);
        using var activated = functional.gelu(hidden);
        return proj.forward(activated);
    }
}

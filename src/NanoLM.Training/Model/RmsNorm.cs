using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NanoLM.Training.Model;

/// <summary>Root-mean-square normalisation with a learned gain and no bias or centring (Zhang and Sennrich 2019).</summary>
public sealed class RmsNorm : Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Scalar _epsilon;

    public RmsNorm(int width, double epsilon = 1e-6) : base(nameof(RmsNorm))
    {
        weight = Parameter(ones(width));
        _epsilon = epsilon.ToScalar();
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var inverseRms = x.Squared().mean([-1L], keepdim: true).add_(_epsilon, LiveScalars.One).rsqrt_();
        return (x * inverseRms * weight).MoveToOuterDisposeScope();
    }
}

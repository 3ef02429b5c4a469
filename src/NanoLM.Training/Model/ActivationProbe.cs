using TorchSharp;

namespace NanoLM.Training.Model;

/// <summary>Collects the mean |activation| of named modules during one forward pass (the coord check's measurement).</summary>
public sealed class ActivationProbe
{
    readonly Dictionary<string, double> _meanAbs = new(StringComparer.Ordinal);
    readonly List<string> _order = [];

    public void Record(string module, torch.Tensor activation)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        if (!_meanAbs.ContainsKey(module)) _order.Add(module);
        _meanAbs[module] = activation.detach().abs().mean().to(torch.float64).item<double>();
    }

    /// <summary>Modules in the order the forward pass reached them.</summary>
    public IReadOnlyList<string> Modules => _order;

    public double MeanAbs(string module) => _meanAbs[module];
}

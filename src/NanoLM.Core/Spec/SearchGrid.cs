namespace NanoLM.Spec;

/// <summary>The `search.grid:` section: every combination of the listed values, in the order written.</summary>
public sealed record SearchGrid
{
    public IReadOnlyList<double> Lr { get; init; } = [3e-3, 6e-3, 1e-2, 2e-2, 3e-2];
    /// <summary>Empty means model.init_std only.</summary>
    public IReadOnlyList<double> InitStd { get; init; } = [];
    /// <summary>Empty means model.alpha_out only.</summary>
    public IReadOnlyList<double> OutputMult { get; init; } = [];
}

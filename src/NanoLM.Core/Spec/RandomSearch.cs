namespace NanoLM.Spec;

/// <summary>The `search.random:` section: a fixed number of log-uniform draws from each range, reproducible from its seed.</summary>
public sealed record RandomSearch
{
    public int Budget { get; init; } = 8;
    public int Seed { get; init; } = 0;
    public ValueRange Lr { get; init; } = new(1e-3, 1e-1);
    /// <summary>Null keeps model.init_std fixed.</summary>
    public ValueRange? InitStd { get; init; }
    /// <summary>Null keeps model.alpha_out fixed.</summary>
    public ValueRange? OutputMult { get; init; }
}

namespace NanoLM.Spec;

/// <summary>The `ladder:` section: the widths trained with the transferred hyperparameters, and seeds per width.</summary>
public sealed record LadderSpec
{
    public IReadOnlyList<int> Widths { get; init; } = [32, 48, 64, 96, 128];
    public int Seeds { get; init; } = 1;
}

namespace NanoLM.Spec;

/// <summary>The `search:` section: which LR, init std and output multipliers to try on the proxy model.</summary>
public sealed record SearchSpec
{
    public bool Enabled { get; init; } = true;
    /// <summary>Null means model.base_width.</summary>
    public int? ProxyWidth { get; init; }
    /// <summary>
    /// Ladder widths that get a search of their own and train at its winner instead of the proxy's: for the narrowest
    /// rungs, where μP's transfer from the proxy no longer holds (docs/accuracy.md). Empty: every rung takes the proxy's.
    /// </summary>
    public IReadOnlyList<int> Rungs { get; init; } = [];
    /// <summary>
    /// The LRs those rungs' searches try in place of grid.lr (the grid's other values stay): a narrow rung's optimum sits
    /// lower than the proxy's, where the proxy should not look. Empty: grid.lr.
    /// </summary>
    public IReadOnlyList<double> RungLr { get; init; } = [];
    /// <summary>Null means train.steps.</summary>
    public int? Steps { get; init; }
    /// <summary>Seeds per search point (train.seed, train.seed + 1, …); points compete on their mean loss.</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>Set when the file gives `grid:` (the default) ...</summary>
    public SearchGrid? Grid { get; init; } = new();
    /// <summary>... or `random:`; never both.</summary>
    public RandomSearch? Random { get; init; }
}

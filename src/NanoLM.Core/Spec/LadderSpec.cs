namespace NanoLM.Spec;

/// <summary>The `ladder:` section: the widths trained with the transferred hyperparameters, and seeds per width.</summary>
public sealed record LadderSpec
{
    public IReadOnlyList<int> Widths { get; init; } = [32, 48, 64, 96, 128];
    public int Seeds { get; init; } = 1;

    /// <summary>Widths that train another number of seeds than <see cref="Seeds"/>: where one run's noise costs the extrapolation most.</summary>
    public IReadOnlyDictionary<int, int> SeedsByWidth { get; init; } = new Dictionary<int, int>();

    /// <summary>Seeds trained at <paramref name="width"/> (seeds <c>train.seed + k</c> for k below it).</summary>
    public int SeedsAt(int width) => SeedsByWidth.TryGetValue(width, out int seeds) ? seeds : Seeds;

    /// <summary>The most seeds any width trains.</summary>
    public int MostSeeds => SeedsByWidth.Values.Append(Seeds).Max();

    /// <summary>"2 seeds per width", or "1 seed per width (2 at 64)" when some widths differ.</summary>
    public string DescribeSeeds()
    {
        string all = $"{Seeds} seed{(Seeds == 1 ? "" : "s")} per width";
        var differing = SeedsByWidth.Where(p => p.Value != Seeds).OrderBy(p => p.Key).Select(p => $"{p.Value} at {p.Key}").ToList();
        return differing.Count == 0 ? all : $"{all} ({string.Join(", ", differing)})";
    }
}

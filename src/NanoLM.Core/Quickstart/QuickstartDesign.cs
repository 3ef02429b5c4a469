namespace NanoLM.Quickstart;

/// <summary>
/// The values `dotnet nanolm quickstart` gives the nanolm-experiment template's symbols; everything else about the
/// experiment is the template's nanolm.yaml.
/// </summary>
public sealed record QuickstartDesign(string Name, IReadOnlyList<int> Widths, int Steps, int TargetWidth, int Seed, string Device)
{
    /// <summary>
    /// The demo: five narrow rungs (the template's head size 4 keeps four heads at width 16), 4.9 M tokens per run, and a
    /// target 16× the parameters of the widest rung (parameters grow as width²). Chosen by the regime study of
    /// docs/accuracy.md: here the target beats the widest rung by about 12 %, many times one run's seed noise (0.9 %),
    /// where the wider, shorter ladder before it (32–128 at 1 200 steps) left 1 %.
    /// </summary>
    public static QuickstartDesign Default { get; } = new(
        Name: "quickstart",
        Widths: [16, 24, 32, 48, 64],
        Steps: 4800,
        TargetWidth: 256,
        Seed: 1,
        Device: "cpu");

    /// <summary>The values by symbol name, as `dotnet new nanolm-experiment --widths … --steps …` takes them.</summary>
    public IReadOnlyDictionary<string, string> SymbolValues => new Dictionary<string, string>
    {
        ["widths"] = string.Join(", ", Widths),
        ["steps"] = $"{Steps}",
        ["target-width"] = $"{TargetWidth}",
        ["device"] = Device,
        ["seed"] = $"{Seed}",
    };
}

namespace NanoLM.Quickstart;

/// <summary>
/// The values `dotnet nanolm quickstart` gives the nanolm-experiment template's symbols; everything else about the
/// experiment is the template's nanolm.yaml.
/// </summary>
public sealed record QuickstartDesign(string Name, IReadOnlyList<int> Widths, int Steps, int TargetWidth, int Seed, string Device)
{
    /// <summary>
    /// The demo: a four-rung ladder and a target 16× the parameters of its widest rung (parameters grow as width²). Chosen
    /// by bench/accuracy: against five rungs with width 48 and a four-point LR grid it came closer on the same stores and
    /// brings the proxy to 15 % of the target's FLOPs (docs/accuracy.md).
    /// </summary>
    public static QuickstartDesign Default { get; } = new(
        Name: "quickstart",
        Widths: [32, 64, 96, 128],
        Steps: 1200,
        TargetWidth: 512,
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

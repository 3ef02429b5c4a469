using System.Text.RegularExpressions;

namespace NanoLM.Quickstart;

/// <summary>
/// A `regex` generated symbol of template.json: its value is another symbol's value rewritten by each step's
/// Regex.Replace in turn, as dotnet new's regex generator computes it.
/// </summary>
public sealed record GeneratedSymbol(string Name, string Replaces, string Source, IReadOnlyList<(string Pattern, string Replacement)> Steps)
{
    public string ValueFrom(string source) =>
        Steps.Aggregate(source, (value, step) => Regex.Replace(value, step.Pattern, step.Replacement));
}

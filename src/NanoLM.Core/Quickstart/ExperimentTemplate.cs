using System.Text;
using System.Text.Json;

namespace NanoLM.Quickstart;

/// <summary>
/// The nanolm-experiment template as `dotnet new` applies it: template.json's sourceName is replaced by the project's
/// name in file names and text, and each parameter or regex-generated symbol's `replaces` text by its value, in one
/// left-to-right pass.
/// </summary>
public sealed class ExperimentTemplate
{
    public const string ConfigPath = ".template.config/template.json";

    /// <summary>The text that stands for the project's name (template.json's sourceName).</summary>
    public string SourceName { get; }
    public IReadOnlyList<TemplateSymbol> Symbols { get; }
    /// <summary>Symbols computed from a parameter's value (dotnet new's regex generator), not given by the user.</summary>
    public IReadOnlyList<GeneratedSymbol> Generated { get; }
    /// <summary>The files a project gets, as they are in the template (template.json itself is not one).</summary>
    public IReadOnlyList<TemplateFile> Files { get; }

    ExperimentTemplate(string sourceName, IReadOnlyList<TemplateSymbol> symbols, IReadOnlyList<GeneratedSymbol> generated, IReadOnlyList<TemplateFile> files) =>
        (SourceName, Symbols, Generated, Files) = (sourceName, symbols, generated, files);

    /// <summary>Reads a template from its files, template.json among them.</summary>
    public static ExperimentTemplate Read(IEnumerable<TemplateFile> files)
    {
        var all = files.ToList();
        var config = all.SingleOrDefault(f => f.Path == ConfigPath) ?? throw new InvalidDataException($"the template has no {ConfigPath}");
        using var json = JsonDocument.Parse(config.Text);
        var root = json.RootElement;
        string sourceName = root.GetProperty("sourceName").GetString() ?? throw new InvalidDataException("template.json: sourceName is empty");
        var symbols = new List<TemplateSymbol>();
        var generated = new List<GeneratedSymbol>();
        if (root.TryGetProperty("symbols", out var declared))
        {
            foreach (var symbol in declared.EnumerateObject())
            {
                string type = symbol.Value.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                string generator = symbol.Value.TryGetProperty("generator", out var g) ? g.GetString() ?? "" : "";
                if (type == "generated" && generator == "regex")
                {
                    generated.Add(RegexSymbol(symbol.Name, symbol.Value));
                    continue;
                }
                // Other computed symbols (derived, bind, other generators) would need more of the template engine; the template has none.
                if (type != "parameter")
                    throw new InvalidDataException($"template.json: symbol '{symbol.Name}' is of type '{type}'; the quickstart applies parameter and regex-generated symbols only");
                if (!symbol.Value.TryGetProperty("replaces", out var replaces)) continue;
                string? defaultValue = symbol.Value.TryGetProperty("defaultValue", out var d) ? d.GetString() : null;
                var choices = symbol.Value.TryGetProperty("choices", out var c)
                    ? c.EnumerateArray().Select(choice => choice.GetProperty("choice").GetString()!).ToList()
                    : [];
                symbols.Add(new TemplateSymbol(symbol.Name, replaces.GetString()!, defaultValue, choices));
            }
        }
        var content = all.Where(f => !f.Path.StartsWith(".template.config/", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        foreach (var symbol in generated.Where(g => symbols.All(s => s.Name != g.Source)))
            throw new InvalidDataException($"template.json: symbol '{symbol.Name}' is generated from '{symbol.Source}', which is not a parameter symbol");
        return new ExperimentTemplate(sourceName, symbols, generated, content);
    }

    static GeneratedSymbol RegexSymbol(string name, JsonElement symbol)
    {
        var parameters = symbol.GetProperty("parameters");
        var steps = parameters.GetProperty("steps").EnumerateArray()
            .Select(step => (step.GetProperty("regex").GetString()!, step.GetProperty("replacement").GetString()!)).ToList();
        return new GeneratedSymbol(name, symbol.GetProperty("replaces").GetString()!, parameters.GetProperty("source").GetString()!, steps);
    }

    /// <summary>The files of a project named <paramref name="name"/>; symbols without a value take their default.</summary>
    public IReadOnlyList<TemplateFile> Instantiate(string name, IReadOnlyDictionary<string, string> values)
    {
        foreach (string unknown in values.Keys.Where(k => Symbols.All(s => s.Name != k)))
            throw new ArgumentException($"the template has no symbol '{unknown}'", nameof(values));
        var replacements = new List<(string From, string To)> { (SourceName, name) };
        foreach (var symbol in Symbols)
        {
            string value = values.TryGetValue(symbol.Name, out var given) ? given
                : symbol.DefaultValue ?? throw new ArgumentException($"the template's symbol '{symbol.Name}' has no default; give it a value", nameof(values));
            if (symbol.Choices.Count > 0 && !symbol.Choices.Contains(value))
                throw new ArgumentException($"'{value}' is not a choice of the template's symbol '{symbol.Name}' ({string.Join(", ", symbol.Choices)})", nameof(values));
            replacements.Add((symbol.Replaces, value));
            foreach (var computed in Generated.Where(g => g.Source == symbol.Name))
                replacements.Add((computed.Replaces, computed.ValueFrom(value)));
        }
        // Like dotnet new, only sourceName renames files; every replacement applies to the text.
        return [.. Files.Select(f => new TemplateFile(Replace(f.Path, [(SourceName, name)]), Replace(f.Text, replacements)))];
    }

    // One pass, the longest match first at each position, so a replaced value is never replaced again.
    static string Replace(string text, IReadOnlyList<(string From, string To)> replacements)
    {
        var ordered = replacements.Where(r => r.From.Length > 0).OrderByDescending(r => r.From.Length).ToList();
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length;)
        {
            var match = ordered.FirstOrDefault(r => text.AsSpan(i).StartsWith(r.From, StringComparison.Ordinal));
            if (match.From is null)
            {
                result.Append(text[i++]);
                continue;
            }
            result.Append(match.To);
            i += match.From.Length;
        }
        return result.ToString();
    }
}

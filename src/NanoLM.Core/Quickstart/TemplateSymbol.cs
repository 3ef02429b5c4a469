namespace NanoLM.Quickstart;

/// <summary>A parameter symbol of template.json: the text it replaces, its default, and its allowed choices (empty: any value).</summary>
public sealed record TemplateSymbol(string Name, string Replaces, string? DefaultValue, IReadOnlyList<string> Choices);

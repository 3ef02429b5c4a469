namespace NanoLM.Quickstart;

/// <summary>One file of a template: its path relative to the template's folder (with '/' separators) and its text.</summary>
public sealed record TemplateFile(string Path, string Text);

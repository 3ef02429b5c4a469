namespace NanoLM.Report;

/// <summary>A report laid out as titled sections of blocks, independent of the output format; both writers render it.</summary>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportSection> Sections);

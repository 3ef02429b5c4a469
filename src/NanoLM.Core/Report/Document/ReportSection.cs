namespace NanoLM.Report;

/// <summary>One titled part of a report; <paramref name="Id"/> is its anchor and the stem of its figures' file names.</summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportBlock> Blocks);

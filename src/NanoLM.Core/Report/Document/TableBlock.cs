namespace NanoLM.Report;

/// <summary>A table of already-formatted cells, one row per list.</summary>
public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

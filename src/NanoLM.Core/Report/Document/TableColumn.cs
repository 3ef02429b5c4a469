namespace NanoLM.Report;

/// <summary>A table column header; numeric columns are right-aligned so digits line up.</summary>
public sealed record TableColumn(string Header, bool Numeric = false);

namespace NanoLM.Report;

/// <summary>A unit of content inside a section: a paragraph, a notice, a table or a figure.</summary>
public abstract record ReportBlock;

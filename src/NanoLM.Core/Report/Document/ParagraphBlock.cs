namespace NanoLM.Report;

/// <summary>Plain text; writers escape it.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

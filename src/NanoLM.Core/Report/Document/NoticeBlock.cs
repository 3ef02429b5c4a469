namespace NanoLM.Report;

/// <summary>A one-line message set apart from the text around it.</summary>
public sealed record NoticeBlock(NoticeKind Kind, string Text) : ReportBlock;

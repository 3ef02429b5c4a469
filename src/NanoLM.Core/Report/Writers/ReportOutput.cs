namespace NanoLM.Report;

/// <summary>The files a rendered report consists of.</summary>
public sealed record ReportOutput(string HtmlPath, string MarkdownPath, IReadOnlyList<string> SvgPaths);

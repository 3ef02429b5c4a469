namespace NanoLM.Report;

/// <summary>An SVG plot: inlined in HTML, written beside the Markdown as <paramref name="FileName"/>.</summary>
public sealed record FigureBlock(string FileName, string Svg, string Caption) : ReportBlock;

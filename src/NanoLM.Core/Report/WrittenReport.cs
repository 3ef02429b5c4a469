
namespace NanoLM.Report;

/// <summary>A report as written: its files, the model they show, and why it has no scaling fit when it has none.</summary>
public sealed record WrittenReport(ReportOutput Output, ReportModel Model, string? WithoutFit);

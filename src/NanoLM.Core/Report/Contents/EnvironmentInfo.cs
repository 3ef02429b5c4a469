namespace NanoLM.Report;

/// <summary>The software and hardware the numbers were produced on.</summary>
/// <param name="Extra">Further lines, e.g. CPU model or native fix-up status.</param>
public sealed record EnvironmentInfo(
    string ToolVersion,
    string RuntimeVersion,
    string OperatingSystem,
    int Threads,
    string Device,
    string? TorchVersion = null,
    IReadOnlyList<ReportFact>? Extra = null);

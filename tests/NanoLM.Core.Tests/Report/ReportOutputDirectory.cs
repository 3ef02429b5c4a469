namespace NanoLM.Tests.Report;

/// <summary>A scratch folder for one rendered report, deleted when the test ends.</summary>
internal sealed class ReportOutputDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nanolm-report-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

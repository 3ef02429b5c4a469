using System.Globalization;

namespace NanoLM.Report;

/// <summary>Versions, threads and device, so a reader can tell whether two reports are comparable.</summary>
internal static class EnvironmentSection
{
    const string Id = "environment";

    public static ReportSection Build(EnvironmentInfo? environment)
    {
        if (environment is null)
            return ReportDocumentBuilder.NotAvailable(Id, ReportSectionTitles.Environment, "the environment was not recorded.");

        var facts = new List<ReportFact>
        {
            new("nanolm", environment.ToolVersion),
            new(".NET runtime", environment.RuntimeVersion),
            new("TorchSharp / libtorch", environment.TorchVersion ?? "—"),
            new("operating system", environment.OperatingSystem),
            new("threads", environment.Threads.ToString(CultureInfo.InvariantCulture)),
            new("device", environment.Device),
        };
        facts.AddRange(environment.Extra ?? []);
        return new ReportSection(Id, ReportSectionTitles.Environment,
            [new TableBlock([new("item"), new("value")], facts.Select(f => (IReadOnlyList<string>)[f.Name, f.Value]).ToList())]);
    }
}

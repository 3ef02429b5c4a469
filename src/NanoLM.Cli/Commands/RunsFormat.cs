using System.Globalization;
using NanoLM.Store;

namespace NanoLM.Cli.Commands;

/// <summary>How the `runs` commands print numbers, durations and statuses.</summary>
internal static class RunsFormat
{
    public static string Loss(double? value) => value switch
    {
        null => "-",
        { } v when double.IsFinite(v) => v.ToString("0.0000", CultureInfo.InvariantCulture),
        _ => "diverged",
    };

    public static string Count(long? value) => value switch
    {
        null => "-",
        >= 1_000_000_000 => (value.Value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1_000_000 => (value.Value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value.Value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.Value.ToString(CultureInfo.InvariantCulture),
    };

    public static string Duration(double? seconds)
    {
        if (seconds is not { } s) return "-";
        var span = TimeSpan.FromSeconds(s);
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s" : $"{s:0.0}s";
    }

    public static string Time(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Finished => "[green]finished[/]",
        RunStatus.Running => "[blue]running[/]",
        RunStatus.Queued => "[grey]queued[/]",
        RunStatus.Interrupted => "[yellow]interrupted[/]",
        _ => $"[red]{status.Name()}[/]",
    };
}

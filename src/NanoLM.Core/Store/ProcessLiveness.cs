using System.Diagnostics;

namespace NanoLM.Store;

/// <summary>Whether the process that claimed a run still exists, guarding against pid reuse with the process start time.</summary>
public static class ProcessLiveness
{
    public static string Host => Environment.MachineName;

    /// <summary>The start time (Unix ms) of a live process, or null when there is none (or it is a zombie).</summary>
    public static long? StartTime(int pid)
    {
        try
        {
            if (OperatingSystem.IsLinux() && IsZombie(pid)) return null;
            using var process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Whether a process with this pid is running on this host (a zombie is not).</summary>
    public static bool IsAlive(int pid) => StartTime(pid) is not null;

    /// <summary>
    /// True when the process is gone: on this host, no process with that pid and start time. On another host we
    /// cannot look, so this says gone and the caller's stale heartbeat decides.
    /// </summary>
    public static bool IsGone(int? pid, long? startedAt, string? host)
    {
        if (pid is not { } id) return true;
        if (host is not null && host != Host) return true;
        var start = StartTime(id);
        // Start times read from /proc are rounded to clock ticks; a few seconds apart means another process took the pid.
        return start is null || (startedAt is { } recorded && Math.Abs(start.Value - recorded) > 5_000);
    }

    static bool IsZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

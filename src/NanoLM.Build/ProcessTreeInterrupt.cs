using System.Runtime.InteropServices;

namespace NanoLM.Build;

/// <summary>
/// Sends SIGINT to a process and all its descendants, as Ctrl+C in a terminal does to its foreground processes. The
/// `dotnet nanolm` a build starts is a dotnet host with the tool as its child (and `train --jobs` adds trial processes),
/// so interrupting the top process alone would not reach the trainer.
/// </summary>
public static class ProcessTreeInterrupt
{
    const int SIGINT = 2;

    /// <summary>False where signals are not available (Windows) or the process is gone: the caller kills instead.</summary>
    public static bool TrySend(int rootProcessId)
    {
        if (OperatingSystem.IsWindows()) return false;
        bool any = false;
        // Children first, so none is orphaned by a parent that exits at once; a process that has already exited just fails.
        foreach (int pid in Descendants(rootProcessId).Reverse().Append(rootProcessId))
            any |= kill(pid, SIGINT) == 0;
        return any;
    }

    /// <summary>The descendants of a process in breadth-first order, from /proc (Linux); none where /proc is absent.</summary>
    public static IReadOnlyList<int> Descendants(int rootProcessId)
    {
        var parents = ParentsByProcess();
        var found = new List<int>();
        var frontier = new Queue<int>([rootProcessId]);
        while (frontier.Count > 0)
        {
            int parent = frontier.Dequeue();
            foreach (var (pid, ppid) in parents)
                if (ppid == parent && !found.Contains(pid))
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
        }
        return found;
    }

    static List<(int Pid, int ParentPid)> ParentsByProcess()
    {
        var result = new List<(int, int)>();
        if (!Directory.Exists("/proc")) return result;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid)) continue;
            try
            {
                // /proc/PID/stat is "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
                string stat = File.ReadAllText(Path.Combine(directory, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], out int ppid)) result.Add((pid, ppid));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }
        return result;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);
}

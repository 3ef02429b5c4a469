using System.Diagnostics;

namespace NanoLM.Tests;

/// <summary>
/// Puts a bash script in place for a test to execute. Tests run in parallel and start processes; a fork taken while this
/// process held the script open for writing keeps that descriptor until it execs, and executing the script meanwhile fails
/// with ETXTBSY ("text file busy", MSB6003 in a tool task). So the text is written beside it and `cp` makes the file we
/// execute: no descriptor of this process ever points at it.
/// </summary>
static class ExecutableScript
{
    public static void Write(string path, string text)
    {
        string draft = path + ".draft";
        File.WriteAllText(draft, text);
        if (OperatingSystem.IsWindows()) { File.Move(draft, path, overwrite: true); return; }
        using (var copy = Process.Start(new ProcessStartInfo("cp", [draft, path]) { UseShellExecute = false })!)
        {
            copy.WaitForExit();
            if (copy.ExitCode != 0) throw new IOException($"cp {draft} {path} exited with {copy.ExitCode}");
        }
        File.Delete(draft);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}

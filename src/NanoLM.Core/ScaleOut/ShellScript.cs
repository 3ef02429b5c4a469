namespace NanoLM.ScaleOut;

/// <summary>An emitted script the user runs directly (submit.sh, apply.sh): written, then made executable.</summary>
static class ShellScript
{
    public static void Write(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}

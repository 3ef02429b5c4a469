using System.Diagnostics;

namespace NanoLM.Tests;

/// <summary>A fact that needs gcc to build its shared library; skipped with a reason where gcc is absent.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "ELF shared libraries are built and loaded on Linux only.";
        else if (!Available.Value) Skip = "gcc is not installed (apt-get install gcc); this test builds its library with it.";
    }

    static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var gcc = Process.Start(new ProcessStartInfo("gcc", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            gcc!.WaitForExit();
            return gcc.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });
}

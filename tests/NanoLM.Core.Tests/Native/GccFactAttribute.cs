using System.Diagnostics;

namespace NanoLM.Tests.Native;

/// <summary>A fact that needs a C compiler to build its shared libraries; skipped with a reason where gcc is absent.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "ELF shared libraries are built and loaded on Linux only.";
        else if (!GccIsAvailable.Value) Skip = "gcc is not installed (apt-get install gcc); the ELF rewrite tests build their libraries with it.";
    }

    static readonly Lazy<bool> GccIsAvailable = new(() =>
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

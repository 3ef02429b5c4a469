using System.Diagnostics;

namespace NanoLM.Tests.Train;

/// <summary>
/// A test that needs a folder this process cannot write: chmod does it for a user, and for root (CI) only the immutable
/// attribute does (chattr +i, on file systems that have it). Skipped, with the reason, where neither works.
/// </summary>
public sealed class UnwritableFolderFactAttribute : FactAttribute
{
    public UnwritableFolderFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "folder permissions are tested on Linux only";
        else if (!Works()) Skip = "running as root on a file system without chattr +i: no folder can be made unwritable";
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    static bool Works()
    {
        string probe = Directory.CreateTempSubdirectory("nanolm-unwritable-").FullName;
        try
        {
            Make(probe, writable: false);
            try
            {
                File.WriteAllText(Path.Combine(probe, "probe"), "");
                return false;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                return true;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            try { Make(probe, writable: true); Directory.Delete(probe, recursive: true); } catch (Exception) { }
        }
    }

    static bool IsRoot => Environment.UserName == "root";

    /// <summary>Makes <paramref name="folder"/> unwritable to this process, or writable again.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void Make(string folder, bool writable)
    {
        if (!IsRoot)
        {
            File.SetUnixFileMode(folder, writable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b101_101_101);
            return;
        }
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [writable ? "-i" : "+i", folder]) { RedirectStandardError = true })!;
        string error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        if (chattr.ExitCode != 0) throw new InvalidOperationException($"chattr failed: {error}");
    }
}

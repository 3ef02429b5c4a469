using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using NanoLM.Native;
using TorchSharp;

namespace NanoLM.Training;

/// <summary>What libtorch reports about itself once loaded, or why it could not be loaded.</summary>
public sealed record TorchStatus(
    string TorchSharpVersion,
    string LibTorchVersion,
    bool Loaded,
    int Threads,
    IReadOnlyList<string> Devices,
    string? Error)
{
    /// <summary>What the load-time fix-up did to the native library before it loaded, if anything.</summary>
    public string? Repaired { get; init; }

    /// <summary>The fixed private copy of the native library that was loaded instead of the one beside the tool, if any.</summary>
    public string? PrivateCopy { get; init; }
}

/// <summary>Loads libtorch through TorchSharp and describes it; the one place that decides whether torch works here.</summary>
public static class TorchRuntime
{
    /// <summary>Loads libtorch (once per process) and reports versions, threads and devices.</summary>
    /// <summary>
    /// TorchSharp's version and the libtorch package's, read from assembly metadata and the deps file: without loading
    /// libtorch, so commands that do not train (a report's environment section) do not pay for it.
    /// </summary>
    public static (string TorchSharp, string LibTorch) Versions()
    {
        string torchSharp = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                            ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";
        return (torchSharp.Split('+')[0], LibTorchPackageVersion() ?? "unknown");
    }

    public static TorchStatus Probe()
    {
        var (torchSharp, libTorch) = Versions();
        NativeRepair? repair;
        try
        {
            repair = RepairOnce.Value;
        }
        catch (UserError e)
        {
            return new TorchStatus(torchSharp, libTorch, false, 0, [], e.Message);
        }
        // When the native library cannot load, TorchSharp's fallback prints a long trace and copies the unfixed
        // library from the NuGet cache beside the app; dlopen first tells the real reason without either.
        string? nativeError = NativeLoadError(repair?.LoadFrom);
        if (nativeError is not null)
            return new TorchStatus(torchSharp, libTorch, false, 0, [], nativeError);
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            var devices = new List<string> { "cpu" };
            if (torch.cuda.is_available())
                devices.AddRange(Enumerable.Range(0, torch.cuda.device_count()).Select(i => $"cuda:{i}"));
            return new TorchStatus(torchSharp, libTorch, true, torch.get_num_threads(), devices, null) { Repaired = repair?.Note, PrivateCopy = repair?.LoadFrom == NativeLibraryPath() ? null : repair?.LoadFrom };
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException
                                      or EntryPointNotFoundException or BadImageFormatException)
        {
            return new TorchStatus(torchSharp, libTorch, false, 0, [], Innermost(e).Message);
        }
    }

    /// <summary>Told once, when the load-time fix-up rewrote the native library (the CLI prints it as a note).</summary>
    public static Action<string>? Notify { get; set; }

    // An unfixed libLibTorchSharp.so beside the app is rewritten before anything loads it, once per process. When the
    // fixed file is a private copy, TorchSharp's imports of LibTorchSharp are pointed at it.
    static readonly Lazy<NativeRepair?> RepairOnce = new(() =>
    {
        if (!OperatingSystem.IsLinux() || NativeLibraryPath() is not { } library) return null;
        var repair = NativeLibraryRepair.Repair(library, VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx, NativeLibraryRepair.DefaultPrivateRoot());
        if (repair.LoadFrom != library && NativeLoadError(repair.LoadFrom) is null)
        {
            IntPtr handle = NativeLibrary.Load(repair.LoadFrom);
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly,
                (name, _, _) => name is "LibTorchSharp" or "libLibTorchSharp" or "libLibTorchSharp.so" ? handle : IntPtr.Zero);
        }
        if (repair.Note is not null) Notify?.Invoke(repair.Note);
        return repair;
    });

    /// <summary>Throws a <see cref="UserError"/> naming the cause when libtorch cannot be used here.</summary>
    public static void EnsureLoaded()
    {
        var status = Probe();
        if (!status.Loaded)
            throw new UserError($"libtorch could not be loaded: {status.Error}. Run `dotnet nanolm doctor` for details.");
    }

    /// <summary>The loader's message when libLibTorchSharp.so (beside the app, or its fixed copy) fails to load, else null.</summary>
    static string? NativeLoadError(string? library)
    {
        if (!OperatingSystem.IsLinux()) return null;
        library ??= NativeLibraryPath();
        if (library is null) return null;
        dlerror(); // binds dlerror now: binding it after a failed dlopen would clear the message we want
        IntPtr handle = dlopen(library, RtldNow | RtldGlobal);
        if (handle != IntPtr.Zero) return null;
        return Marshal.PtrToStringUTF8(dlerror()) ?? $"{library} failed to load";
    }

    /// <summary>Where the build put TorchSharp's native library for this application, if it is beside it.</summary>
    public static string? NativeLibraryPath() =>
        new[]
        {
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        }.FirstOrDefault(File.Exists);

    const int RtldNow = 2, RtldGlobal = 0x100;

    [DllImport("libc.so.6")]
    static extern IntPtr dlopen(string file, int mode);

    [DllImport("libc.so.6")]
    static extern IntPtr dlerror();

    /// <summary>The libtorch package this application was built against, read from its .deps.json.</summary>
    static string? LibTorchPackageVersion()
    {
        string? entry = Assembly.GetEntryAssembly()?.GetName().Name;
        var depsFiles = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json")
            .OrderByDescending(f => entry != null && Path.GetFileName(f).StartsWith(entry, StringComparison.Ordinal));
        foreach (string file in depsFiles)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (!json.RootElement.TryGetProperty("libraries", out var libraries)) continue;
            foreach (var library in libraries.EnumerateObject())
                if (library.Name.StartsWith("libtorch-cpu/", StringComparison.Ordinal)
                    || library.Name.StartsWith("libtorch-cuda-", StringComparison.Ordinal))
                    return library.Name[(library.Name.IndexOf('/') + 1)..];
        }
        return null;
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}

namespace NanoLM.Tests.Native;

/// <summary>
/// Builds, in a temp folder, the situation libLibTorchSharp.so is in: libuser.so was linked against a libdep.so that
/// defines version DEPV_2.0, but only names a DEPV_2.0 symbol (as GCC 13's iostream does) and never relocates it,
/// while the libdep.so beside it at run time defines DEPV_1.0 only.
/// </summary>
public sealed class VersionedLibraries : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "nanolm-elf-" + Guid.NewGuid().ToString("N"));

    public VersionedLibraries()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "new"));
        Write("new.map", "DEPV_1.0 { global: dep_old; local: *; };\nDEPV_2.0 { global: dep_marker; } DEPV_1.0;\n");
        Write("old.map", "DEPV_1.0 { global: dep_old; local: *; };\n");
        Write("new.c", "int dep_old(void) { return 1; }\nint dep_marker(void) { return 2; }\n");
        Write("old.c", "int dep_old(void) { return 1; }\n");
        Write("names_only.c", "int dep_old(void);\n__asm__(\".globl dep_marker\");\nint user_value(void) { return dep_old() + 40; }\n");
        Write("calls.c", "int dep_old(void);\nint dep_marker(void);\nint user_value(void) { return dep_old() + dep_marker(); }\n");

        Gcc("-shared -fPIC -o new/libdep.so new.c -Wl,--version-script=new.map -Wl,-soname,libdep.so");
        Gcc("-shared -fPIC -o libdep.so old.c -Wl,--version-script=old.map -Wl,-soname,libdep.so");
        Gcc("-shared -fPIC -o libnames.so names_only.c -Lnew -ldep -Wl,-rpath,$ORIGIN");
        Gcc("-shared -fPIC -o libcalls.so calls.c -Lnew -ldep -Wl,-rpath,$ORIGIN");
    }

    /// <summary>Names a DEPV_2.0 symbol without relocating it: safe to rewrite.</summary>
    public string NamesOnly => Path.Combine(Directory, "libnames.so");

    /// <summary>Calls a DEPV_2.0 function: rewriting would leave an unresolvable relocation.</summary>
    public string Calls => Path.Combine(Directory, "libcalls.so");

    public static readonly NanoLM.Native.VersionRequirementRewrite Rewrite = new("libdep.so", "DEPV_2.0", "DEPV_1.0");

    void Write(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

    void Gcc(string arguments) => NanoLM.Tests.Gcc.Run(Directory, arguments.Split(' '));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

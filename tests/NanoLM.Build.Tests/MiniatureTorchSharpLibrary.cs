namespace NanoLM.Tests;

/// <summary>
/// A small libLibTorchSharp.so look-alike: linked against a stand-in libstdc++.so.6 that defines GLIBCXX_3.4.32, it
/// names _ZSt21ios_base_library_initv of that version (as GCC 13's iostream does) without relocating it, and, like the
/// real library, also needs GLIBCXX_3.4.30.
/// </summary>
public sealed class MiniatureTorchSharpLibrary : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "nanolm-task-" + Guid.NewGuid().ToString("N"));
    public string LibraryPath => System.IO.Path.Combine(Directory, "out", "libLibTorchSharp.so");

    public MiniatureTorchSharpLibrary()
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Directory, "standin"));
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Directory, "out"));
        File.WriteAllText(System.IO.Path.Combine(Directory, "standin.map"),
            "GLIBCXX_3.4.30 { global: standin_old; local: *; };\nGLIBCXX_3.4.32 { global: _ZSt21ios_base_library_initv; } GLIBCXX_3.4.30;\n");
        File.WriteAllText(System.IO.Path.Combine(Directory, "standin.c"), "void standin_old(void) {}\nvoid _ZSt21ios_base_library_initv(void) {}\n");
        File.WriteAllText(System.IO.Path.Combine(Directory, "user.c"), "__asm__(\".globl _ZSt21ios_base_library_initv\");\n__asm__(\".globl standin_old\");\nint answer(void) { return 42; }\n");
        Gcc("-shared", "-fPIC", "-o", "standin/libstdc++.so.6", "standin.c", "-Wl,--version-script=standin.map", "-Wl,-soname,libstdc++.so.6");
        Gcc("-shared", "-fPIC", "-o", "out/libLibTorchSharp.so", "user.c", "-Lstandin", "-l:libstdc++.so.6", "-Wl,--no-as-needed");
    }

    void Gcc(params string[] arguments) => NanoLM.Tests.Gcc.Run(Directory, arguments);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

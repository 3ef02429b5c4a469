using System.Runtime.InteropServices;
using Microsoft.Build.Utilities;
using NanoLM.Build;

namespace NanoLM.Tests;

public class FixTorchSharpNativeTests
{
    [GccFact]
    public void Task_rewrites_the_output_copy_so_it_loads_on_this_libstdcxx()
    {
        using var library = new MiniatureTorchSharpLibrary();
        // On GCC 12's libstdc++ (Debian 12, Ubuntu 22.04) the library as linked must fail to load, as TorchSharp's does.
        if (!SystemLibstdcxxHas("GLIBCXX_3.4.32"))
            Assert.False(NativeLibrary.TryLoad(library.LibraryPath, out _), "the library as linked should not load here");
        var engine = new FakeBuildEngine();
        var task = new FixTorchSharpNative { BuildEngine = engine, Files = [new TaskItem(library.LibraryPath)] };

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Single(task.Rewritten);
        Assert.Contains(engine.Messages, m => m.Message!.Contains("rewrote the GLIBCXX_3.4.32 requirement") && m.Message.Contains("_ZSt21ios_base_library_initv"));
        Assert.True(NativeLibrary.TryLoad(library.LibraryPath, out _), "the rewritten library should load against the system libstdc++");
    }

    [GccFact]
    public void Task_is_idempotent_and_says_so()
    {
        using var library = new MiniatureTorchSharpLibrary();
        new FixTorchSharpNative { BuildEngine = new FakeBuildEngine(), Files = [new TaskItem(library.LibraryPath)] }.Execute();
        byte[] once = File.ReadAllBytes(library.LibraryPath);
        var engine = new FakeBuildEngine();
        var second = new FixTorchSharpNative { BuildEngine = engine, Files = [new TaskItem(library.LibraryPath)] };

        Assert.True(second.Execute());

        Assert.Empty(second.Rewritten);
        Assert.Equal(once, File.ReadAllBytes(library.LibraryPath));
        Assert.Contains(engine.Messages, m => m.Message!.Contains("already requires GLIBCXX_3.4.30"));
    }

    [Fact]
    public void Task_refuses_to_edit_the_NuGet_cache()
    {
        string cache = Path.Combine(Path.GetTempPath(), "nanolm-cache-" + Guid.NewGuid().ToString("N"));
        string file = Path.Combine(cache, "torchsharp", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "stand-in");
        string? previous = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", cache);
        try
        {
            var engine = new FakeBuildEngine();
            var task = new FixTorchSharpNative { BuildEngine = engine, Files = [new TaskItem(file)] };

            Assert.False(task.Execute());

            Assert.Contains(engine.Errors, e => e.Code == "NLM0001");
            Assert.Equal("stand-in", File.ReadAllText(file));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUGET_PACKAGES", previous);
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Missing_file_is_not_an_error()
    {
        var engine = new FakeBuildEngine();
        var task = new FixTorchSharpNative { BuildEngine = engine, Files = [new TaskItem("/nonexistent/libLibTorchSharp.so")] };

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void Corrupt_library_fails_the_build_with_a_code_and_the_file_name()
    {
        string file = Path.Combine(Path.GetTempPath(), "nanolm-" + Guid.NewGuid().ToString("N") + ".so");
        File.WriteAllText(file, "not ELF");
        try
        {
            var engine = new FakeBuildEngine();
            var task = new FixTorchSharpNative { BuildEngine = engine, Files = [new TaskItem(file)] };

            Assert.False(task.Execute());
            var error = Assert.Single(engine.Errors);
            Assert.Equal("NLM0003", error.Code);
            Assert.Equal(file, error.File);
        }
        finally { File.Delete(file); }
    }

    static bool SystemLibstdcxxHas(string version)
    {
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6"];
        string? path = candidates.FirstOrDefault(File.Exists);
        return path is null || System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path)).Contains(version + "\0");
    }
}

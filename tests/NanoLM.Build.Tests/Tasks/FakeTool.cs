using NanoLM.Build;

namespace NanoLM.Tests.Tasks;

/// <summary>
/// A stand-in for dotnet-nanolm, given to the tool tasks as NanoLMTool: a bash script with the body a test writes,
/// in a fresh folder that also holds the experiment's nanolm.yaml. The script's arguments are what the task passes.
/// </summary>
sealed class FakeTool : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "nanolm-fake-tool-" + Guid.NewGuid().ToString("N"));
    public string SpecPath => Path.Combine(Directory, "nanolm.yaml");
    public string ScriptPath => Path.Combine(Directory, "fake-nanolm");

    public FakeTool(string body)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(SpecPath, "name: fake\n");
        // SIGINT back to its default: a test host started in the background by a shell without job control (nohup … &)
        // passes SIGINT down ignored, and bash cannot trap a signal ignored on entry, so interrupting the tool would hang.
        ExecutableScript.Write(ScriptPath, "#!/usr/bin/env -S --default-signal=INT bash\n" + body + "\n");
    }

    public TTask Task<TTask>(FakeBuildEngine engine) where TTask : NanoLMToolTask, new() =>
        new() { BuildEngine = engine, Spec = SpecPath, Tool = ScriptPath };

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

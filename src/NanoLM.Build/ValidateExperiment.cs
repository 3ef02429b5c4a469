using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using NanoLM.Spec;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace NanoLM.Build;

/// <summary>
/// Validates nanolm.yaml with NanoLM.Core's spec loader and logs each diagnostic on its file, line and column, so IDEs
/// and CI annotate the line. Pure managed code: it never loads libtorch.
/// </summary>
public sealed class ValidateExperiment : MSBuildTask
{
    /// <summary>The experiment's nanolm.yaml; diagnostics name it as given, so pass a full path.</summary>
    [Required]
    public string Spec { get; set; } = "";

    /// <summary>The store path the build passes to the tool (NanoLMStore); empty means the tool's default.</summary>
    public string? Store { get; set; }

    /// <summary>The store file the tool will use: Store, else NANOLM_STORE, else .nanolm/store.db beside the spec.</summary>
    [Output]
    public string StoreFile { get; set; } = "";

    /// <summary>The prepared data files training reads (empty for the built-in corpus).</summary>
    [Output]
    public ITaskItem[] DataFiles { get; set; } = [];

    public override bool Execute()
    {
        var loaded = SpecLoader.Load(Spec);
        foreach (var diagnostic in loaded.Diagnostics)
            Report(diagnostic);
        if (loaded.Spec is not { } spec) return false;

        var inputs = ExperimentInputs.Of(spec, Spec, Store);
        StoreFile = inputs.StoreFile;
        DataFiles = [.. inputs.DataFiles.Select(file => new TaskItem(file))];
        return !Log.HasLoggedErrors;
    }

    void Report(Diagnostic diagnostic)
    {
        if (diagnostic.IsError)
            Log.LogError(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
        else
            Log.LogWarning(null, diagnostic.Code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
    }
}

using Microsoft.Build.Framework;
using NanoLM.Native;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace NanoLM.Build;

/// <summary>
/// Rewrites the copies of libLibTorchSharp.so in build, publish or pack output so they load on GCC 12's libstdc++.
/// Thin shell over <see cref="VersionRequirementRewrite"/>; it never touches the NuGet cache, only the files it is given.
/// </summary>
public sealed class FixTorchSharpNative : MSBuildTask
{
    /// <summary>The output copies of libLibTorchSharp.so.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The files this task changed.</summary>
    [Output]
    public ITaskItem[] Rewritten { get; set; } = [];

    public override bool Execute()
    {
        var rewrite = VersionRequirementRewrite.TorchSharpOnOlderLibstdcxx;
        var rewritten = new List<ITaskItem>();
        foreach (var file in Files)
        {
            string path = file.ItemSpec;
            if (!File.Exists(path))
            {
                Log.LogMessage(MessageImportance.Low, $"nanolm: {path} is not there; nothing to fix.");
                continue;
            }
            if (NativeLibraryRepair.IsInNuGetCache(path))
            {
                Log.LogError(null, "NLM0001", null, path, 0, 0, 0, 0,
                    "nanolm: refusing to edit a file in the NuGet package cache; give the task the output copy.");
                continue;
            }
            try
            {
                var report = rewrite.Apply(path);
                switch (report.Outcome)
                {
                    case RewriteOutcome.Rewritten:
                        Log.LogMessage(MessageImportance.High, "nanolm: " + report.Message);
                        rewritten.Add(file);
                        break;
                    case RewriteOutcome.Refused:
                        Log.LogError(null, "NLM0002", null, path, 0, 0, 0, 0, "nanolm: " + report.Message);
                        break;
                    default:
                        Log.LogMessage(MessageImportance.Normal, "nanolm: " + report.Message);
                        break;
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError(null, "NLM0003", null, path, 0, 0, 0, 0, $"nanolm: could not fix {path}: {e.Message}");
            }
        }
        Rewritten = [.. rewritten];
        return !Log.HasLoggedErrors;
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using NanoLM.Plan;

namespace NanoLM.ScaleOut;

/// <summary>
/// The trials an emitted plan runs, as JSON Lines: a header naming the experiment and the hash of the nanolm.yaml it
/// came from, then one line per task with its stage, index, identity and resolved settings. A ladder or target trial
/// emitted before the search has finished has no identity yet (`awaits_search`): its task resolves it when it starts.
/// </summary>
public static class TrialManifest
{
    public const string FileName = "manifest.jsonl";
    const int Version = 1;

    public static void Write(string path, ExperimentPlan plan, string specPath, IReadOnlyList<TrialStage> stages)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["nanolm_manifest"] = Version,
            ["experiment"] = plan.Spec.Name,
            ["spec_sha256"] = SpecHash(specPath),
        }));
        foreach (var stage in stages)
        {
            var tasks = StageTasks.Of(plan, stage);
            for (int index = 0; index < tasks.Count; index++)
            {
                var trial = tasks[index];
                using var settings = JsonDocument.Parse(trial.Settings.ToCanonicalJson());
                writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["stage"] = StageTasks.Name(stage),
                    ["index"] = index,
                    ["id"] = trial.AwaitsSearch ? null : trial.Identity.Hash,
                    ["width"] = trial.Width,
                    ["seed"] = trial.Seed,
                    ["awaits_search"] = trial.AwaitsSearch,
                    ["settings"] = settings.RootElement.Clone(),
                }));
            }
        }
    }

    /// <summary>SHA-256 of the spec file's bytes: a manifest is only valid for the nanolm.yaml it was emitted from.</summary>
    public static string SpecHash(string specPath) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(specPath)));

    /// <summary>
    /// How many tasks each stage has in the manifest at <paramref name="path"/>, after checking it was emitted from
    /// <paramref name="specPath"/> as it is now; a missing, foreign or stale manifest is a <see cref="UserError"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ReadTaskCounts(string path, string specPath)
    {
        if (!File.Exists(path))
            throw new UserError($"no manifest at {path}; write one with `dotnet nanolm train --emit slurm|kubernetes`");
        var lines = File.ReadLines(path).Where(l => l.Length > 0).ToList();
        string? specHash = null;
        var counts = new Dictionary<string, int>();
        try
        {
            using (var header = JsonDocument.Parse(lines.FirstOrDefault() ?? "{}"))
                if (header.RootElement.TryGetProperty("nanolm_manifest", out _) && header.RootElement.TryGetProperty("spec_sha256", out var hash))
                    specHash = hash.GetString();
            foreach (string line in lines.Skip(1))
            {
                using var entry = JsonDocument.Parse(line);
                string stage = entry.RootElement.GetProperty("stage").GetString()!;
                counts[stage] = counts.GetValueOrDefault(stage) + 1;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserError($"{path} is not a nanolm manifest ({e.Message}); write one with `dotnet nanolm train --emit`");
        }
        if (specHash is null)
            throw new UserError($"{path} is not a nanolm manifest (its first line has no spec_sha256); write one with `dotnet nanolm train --emit`");
        if (specHash != SpecHash(specPath))
            throw new UserError($"{path} was emitted from another version of {specPath}; emit it again (`dotnet nanolm train --emit …`) so every task trains what the spec now says");
        return counts;
    }
}

namespace NanoLM.Store;

/// <summary>What the store needs to create a run: identity, canonical settings JSON, and the columns it is listed by.</summary>
public sealed record RunRegistration(string Id, string SettingsJson, string Stage, int Width, int Seed, long? ExperimentId = null)
{
    public static RunRegistration From(Plan.Trial trial, long? experimentId = null) =>
        new(trial.Identity.Hash, trial.Settings.ToCanonicalJson(), trial.Stage.ToString().ToLowerInvariant(), trial.Width, trial.Seed, experimentId);
}

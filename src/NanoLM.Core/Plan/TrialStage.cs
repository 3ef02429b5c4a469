namespace NanoLM.Plan;

/// <summary>Where a trial sits in the pipeline: search on the proxy, then the ladder, then the targets to predict.</summary>
public enum TrialStage { Search, Ladder, Target }

namespace NanoLM.Fitting;

/// <summary>One ladder run's validation curve for a whole-curve fit: its run (the bootstrap's unit), its size and its checkpoints.</summary>
/// <param name="Schedule">The learning rate at recorded steps (increasing; linear in between), for the annealing law's areas; null when not needed.</param>
public sealed record LadderCurve(string Run, double Params, IReadOnlyList<CurveCheckpoint> Checkpoints, IReadOnlyList<(long Step, double Lr)>? Schedule = null);

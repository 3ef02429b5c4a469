using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Predictions;

/// <summary>One run of the plan as the store holds it: its record (null when it never started) and its metrics.</summary>
public sealed record StoredRun(Trial Trial, RunRecord? Record, IReadOnlyList<MetricRow> Metrics)
{
    public bool Finished => Record?.Status == RunStatus.Finished;

    /// <summary>The validation loss recorded at <paramref name="step"/> of a finished run (NaN when it diverged there), else null.</summary>
    public double? ValidationLossAt(int step) =>
        Finished ? Metrics.FirstOrDefault(m => m.Step == step && m.ValidationLoss is not null)?.ValidationLoss : null;

    public RunCurve Curve => RunCurve.From(Trial, Metrics);
}

/// <summary>
/// An experiment's ladder and targets as its store holds them, read once: `predict` and `compare` fit its losses or
/// curves, and the report plots them. The errors say what to run, for the experiment at <see cref="SpecPath"/> when it
/// is named (compare reads two).
/// </summary>
public sealed class StoredLadder
{
    StoredLadder(ExperimentPlan plan, IReadOnlyList<StoredRun> rungs, IReadOnlyList<StoredRun> targets, string? specPath)
    {
        Plan = plan;
        Rungs = rungs;
        Targets = targets;
        SpecPath = specPath;
    }

    public ExperimentPlan Plan { get; }

    public ExperimentSpec Spec => Plan.Spec;

    /// <summary>Each ladder run once, in the plan's order, started or not.</summary>
    public IReadOnlyList<StoredRun> Rungs { get; }

    /// <summary>Each target, in the plan's order, trained (verify: true) or not.</summary>
    public IReadOnlyList<StoredRun> Targets { get; }

    public string? SpecPath { get; }

    /// <summary>The ladder of <paramref name="plan"/> as it stands, finished or not (the report shows runs in progress).</summary>
    public static StoredLadder Read(ExperimentPlan plan, RunStore store, string? specPath = null)
    {
        StoredRun Load(Trial trial) => store.FindRun(trial.Identity.Hash) is { } record
            ? new StoredRun(trial, record, store.Metrics(record.Id))
            : new StoredRun(trial, null, []);
        return new StoredLadder(plan,
            [.. plan.LadderTrials.DistinctBy(t => t.Identity).Select(Load)],
            [.. plan.TargetTrials.Select(Load)], specPath);
    }

    /// <summary>The ladder to fit: the search must have chosen the ladder's settings, or there is no ladder yet.</summary>
    public static StoredLadder ReadForFit(ExperimentSpec spec, RunStore store, string? specPath = null)
    {
        var plan = store.PlanFor(spec);
        var ladder = Read(plan, store, specPath);
        if (plan.AwaitsSearch)
            throw ladder.Error($"the search has not finished; run `{ladder.TrainCommand}` first");
        return ladder;
    }

    /// <summary>Every rung's validation loss at <paramref name="step"/>; a rung without one is the user's to finish.</summary>
    public IReadOnlyList<RungLoss> LossesAt(int step)
    {
        var losses = new List<RungLoss>();
        foreach (var rung in Rungs)
        {
            double? loss = rung.ValidationLossAt(step);
            if (loss is null)
            {
                ThrowIfDiverged(rung);
                throw Error($"ladder run {rung.Trial.Identity.Short} (width {rung.Trial.Width}, seed {rung.Trial.Seed}) has no validation loss at step {step}; " +
                            $"run `{TrainCommand}` to finish the ladder, or set predict.fit_step to an evaluated step");
            }
            if (!double.IsFinite(loss.Value)) throw Diverged(rung);
            losses.Add(new RungLoss(rung.Trial, loss.Value));
        }
        return losses;
    }

    /// <summary>Every rung's validation curve, each recorded up to <paramref name="lastStep"/>.</summary>
    public IReadOnlyList<RunCurve> CurvesTo(int lastStep)
    {
        var curves = new List<RunCurve>();
        foreach (var rung in Rungs)
        {
            var curve = rung.Finished ? rung.Curve : null;
            if (curve is null || curve.Checkpoints.Count == 0 || curve.Checkpoints[^1].Step != lastStep)
            {
                ThrowIfDiverged(rung);
                throw Error($"ladder run {rung.Trial.Identity.Short} (width {rung.Trial.Width}, seed {rung.Trial.Seed}) has no validation loss at its last step ({lastStep}); " +
                            $"run `{TrainCommand}` to finish the ladder");
            }
            curves.Add(curve);
        }
        return curves;
    }

    /// <summary>Each target with its validation loss at <paramref name="step"/> when it was trained.</summary>
    public IReadOnlyList<TargetLoss> TargetLossesAt(int step) => [.. Targets.Select(t => new TargetLoss(t.Trial, t.ValidationLossAt(step)))];

    string TrainCommand => SpecPath is null ? "dotnet nanolm train" : $"dotnet nanolm train -c {SpecPath}";

    /// <summary>A mistake in this experiment for its user to fix, naming its nanolm.yaml when compare reads two.</summary>
    public UserError Error(string message) => new(SpecPath is null ? message : $"{SpecPath}: {message}");

    void ThrowIfDiverged(StoredRun rung)
    {
        if (rung.Record?.Status == RunStatus.Diverged) throw Diverged(rung);
    }

    UserError Diverged(StoredRun rung) =>
        Error($"ladder run {rung.Trial.Identity.Short} (width {rung.Trial.Width}) diverged; lower the learning rate or drop the width");
}

using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>A finished run's curves from the store: validation checkpoints, the learning rate and the training loss at each recorded step.</summary>
public sealed record RunCurve(Trial Trial, IReadOnlyList<CurveCheckpoint> Checkpoints, IReadOnlyList<(long Step, double Lr)> Schedule, IReadOnlyList<(long Step, double Loss)> TrainLoss)
{
    /// <summary>The curve the plateau is read from: the training loss when it is recorded densely, else the validation checkpoints.</summary>
    public PlateauReport Plateau()
    {
        // The training loss is noisy but recorded every step; the moving mean of the detector rides over the noise.
        bool dense = TrainLoss.Count >= 3 * Math.Max(1, Checkpoints.Count);
        return dense
            ? PlateauDetector.Detect([.. TrainLoss.Select(p => p.Step)], [.. TrainLoss.Select(p => p.Loss)], Trial.Settings.Warmup)
            : PlateauDetector.Detect([.. Checkpoints.Select(c => c.Step)], [.. Checkpoints.Select(c => c.Loss)], Trial.Settings.Warmup);
    }

    /// <summary>The run as a curve to fit, named by width, seed and short id: the name shows in backtest tables and is the bootstrap's unit.</summary>
    public LadderCurve ToLadderCurve() => new(Label, Trial.NonEmbeddingParameters, Checkpoints, Schedule);

    public string Label => $"width {Trial.Width} seed {Trial.Seed} ({Trial.Identity.Short})";

    /// <summary>The curves of a finished run; null while it has not finished.</summary>
    public static RunCurve? Read(RunStore store, Trial trial)
    {
        var run = store.FindRun(trial.Identity.Hash);
        return run is null || run.Status != RunStatus.Finished ? null : From(trial, store.Metrics(run.Id));
    }

    /// <summary>The curves in a run's metrics, whatever its status.</summary>
    public static RunCurve From(Trial trial, IReadOnlyList<MetricRow> metrics)
    {
        long tokensPerStep = (long)trial.Settings.Batch * trial.Settings.SeqLen;
        return new RunCurve(trial,
            [.. metrics.Where(m => m.ValidationLoss is double v && double.IsFinite(v))
                .Select(m => new CurveCheckpoint(m.Step, m.Tokens ?? m.Step * tokensPerStep, m.ValidationLoss!.Value))],
            [.. metrics.Where(m => m.LearningRate is not null).Select(m => ((long)m.Step, m.LearningRate!.Value))],
            [.. metrics.Where(m => m.TrainLoss is double t && double.IsFinite(t)).Select(m => ((long)m.Step, m.TrainLoss!.Value))]);
    }
}

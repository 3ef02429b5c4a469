namespace NanoLM.Spec;

/// <summary>The `predict:` section: which law (and so which recipe) to fit, at which step, and from which step on curves count.</summary>
public sealed record PredictSpec
{
    /// <summary>power: one loss per rung at the fit step; chinchilla or annealing: every checkpoint after the burn-in.</summary>
    public ScalingLaw Law { get; init; } = PredictDefaults.Law;
    /// <summary>The laws a ladder can be fitted with, which `predict.law` and `predict --law` accept.</summary>
    public static IReadOnlyList<ScalingLaw> Laws { get; } = [ScalingLaw.Power, ScalingLaw.Chinchilla, ScalingLaw.Annealing];
    /// <summary>Null means the final step (train.steps).</summary>
    public int? FitStep { get; init; }
    /// <summary>The first step whose checkpoints a whole-curve fit uses; null means found automatically (the end of the initial plateau).</summary>
    public int? BurnIn { get; init; }
    /// <summary>One run's seed noise (relative sd) that intervals carry when one seed per width cannot measure it; 0 leaves it out.</summary>
    public double AssumedRunNoise { get; init; } = PredictDefaults.AssumedRunNoise;
    /// <summary>Whether E may not go below the built-in corpus's oracle loss (data without a known oracle has no floor either way).</summary>
    public LossFloor LossFloor { get; init; } = PredictDefaults.LossFloor;
    /// <summary>The two-sided level of every interval predict, the quickstart and the report print.</summary>
    public double Level { get; init; } = PredictDefaults.Level;
    /// <summary>The levels predict.level and --level accept: below a half an interval says little, and above 0.99 its ends rest on the bootstrap's few most extreme refits.</summary>
    public const double MinLevel = 0.5, MaxLevel = 0.99;

    /// <summary>The floor E is fitted above: <paramref name="oracle"/> (the data's oracle loss, when it has one) unless loss_floor is none.</summary>
    public double? Floor(double? oracle) => LossFloor == LossFloor.None ? null : oracle;
}

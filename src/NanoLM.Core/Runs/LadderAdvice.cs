using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Spec;

namespace NanoLM.Runs;

/// <summary>
/// What `train --dry-run` warns about before compute is spent: rungs with too few heads, step counts that end inside the
/// initial plateau (read off the finished search runs), a search at another step count than the ladder, and a ladder
/// whose seeds or span cannot reach the target's error goal (<see cref="ExtrapolationLeverage"/>).
/// </summary>
public static class LadderAdvice
{
    /// <summary>Fewer heads than this break the power law in small ladders (docs/architecture.md, goals).</summary>
    public const int MinimumHeads = 4;

    /// <summary>The error goal of a prediction (docs/architecture.md, goals).</summary>
    public const double ErrorGoal = 0.01;

    /// <summary>A proxy that leaves the plateau after this fraction of its steps leaves whole-curve fits too few checkpoints, and wider rungs may not leave it at all.</summary>
    public const double LatePlateauFraction = 0.5;

    /// <summary>How much further than the ladder spans (in log parameters) a target may lie: a tenth, for rounding of widths and the embedding-free count.</summary>
    public const double ReachTolerance = 1.1;

    /// <param name="searchPlateaus">The plateau of each finished search run's training curve, with its trial, lowest final loss first; empty before the search ran.</param>
    public static IReadOnlyList<string> For(ExperimentPlan plan, IReadOnlyList<(Trial Trial, PlateauReport Plateau)> searchPlateaus)
    {
        var spec = plan.Spec;
        var advice = new List<string>();
        int headDim = spec.Model.HeadDim;

        var fewHeads = spec.Ladder.Widths.Where(w => w / headDim < MinimumHeads).ToList();
        if (fewHeads.Count > 0)
            advice.Add($"ladder width(s) {string.Join(", ", fewHeads)} have fewer than {MinimumHeads} attention heads at head_dim {headDim}; such rungs tend to break the power law: " +
                       $"lower model.head_dim to {Math.Max(1, spec.Ladder.Widths.Min() / MinimumHeads)} or start the ladder at width {MinimumHeads * headDim}");

        int steps = spec.Train.Steps;
        if (spec.Search.Enabled && spec.Search.Steps is { } searchSteps && searchSteps != steps)
            advice.Add($"search.steps ({searchSteps}) differs from train.steps ({steps}): the learning rate is picked at another step count than the ladder trains for, " +
                       $"and the best rate moves with training length; set search.steps: {steps} (or remove it)");

        if (Reference(plan, searchPlateaus) is { } proxy)
        {
            string which = $"the search run at lr {proxy.Trial.Settings.Lr.ToString("G3", CultureInfo.InvariantCulture)} (width {proxy.Trial.Width})";
            if (proxy.Plateau.EndsOnPlateau)
                advice.Add($"{which} had not left the initial loss plateau by {PlateauDetector.EscapeWindow:P0} of its {proxy.Trial.Settings.Steps} steps, so ladder rungs would end inside it: " +
                           "train more steps (train.steps and search.steps)");
            else if (proxy.Plateau.BurnIn is { } burnIn && burnIn > LatePlateauFraction * proxy.Trial.Settings.Steps)
                advice.Add($"{which} left the initial loss plateau only at step {burnIn} of {proxy.Trial.Settings.Steps}; rungs that leave it later end inside it and fits get few checkpoints: " +
                           $"train at least {2 * burnIn} steps (train.steps and search.steps)");
        }

        if (spec.Ladder.MostSeeds == 1)
            advice.Add($"one seed per rung: nothing measures seed noise, so the intervals assume {Percent(spec.Predict.AssumedRunNoise)} per run (predict.assumed_run_noise); set ladder.seeds: 2 or more to measure it");

        var ladder = plan.LadderTrials.DistinctBy(t => t.Width).OrderBy(t => t.Width).ToList();
        if (ladder.Count is > 0 and < 4)
            advice.Add($"with {ladder.Count} widths no rung can be held out to check the fit; use 4 or more widths");
        if (ladder.Count >= 2 && plan.TargetTrials.MaxBy(t => t.NonEmbeddingParameters) is { } target)
        {
            // An extrapolation's error grows with its distance in log N; beyond the distance the ladder spans, the
            // ladder's own scatter alone exceeds the goal at the target.
            double widest = ladder[^1].NonEmbeddingParameters, narrowest = ladder[0].NonEmbeddingParameters;
            double reach = target.NonEmbeddingParameters / widest, span = widest / narrowest;
            if (Math.Log(reach) > ReachTolerance * Math.Log(span))
            {
                // Parameters grow about as width², so the rung halfway (in log N) between the narrowest and the target is √(w₀·w_t) wide.
                int suggested = (int)(Math.Ceiling(Math.Sqrt((double)target.Width * ladder[0].Width) / headDim) * headDim);
                advice.Add($"the target (width {target.Width}) is {reach:F1}× the widest rung's parameters, further than the ladder spans ({span:F1}× from narrowest to widest), " +
                           $"so the {ErrorGoal:P0} goal is out of reach: add rungs up to width {Math.Max(suggested, ladder[^1].Width + headDim)} or predict a smaller target");
            }
            else if (NoiseAdvice(spec, ladder, target) is { } noise)
                advice.Add(noise);
        }
        return advice;
    }

    /// <summary>
    /// When the rungs' seed noise alone, carried to the target, exceeds the goal: how far it moves the prediction and how
    /// many seeds per rung would bring it within the goal. Run noise is predict.assumed_run_noise (nothing is trained yet).
    /// </summary>
    static string? NoiseAdvice(ExperimentSpec spec, IReadOnlyList<Trial> ladder, Trial target)
    {
        double runNoise = spec.Predict.AssumedRunNoise;
        if (runNoise <= 0) return null;
        double factor = ExtrapolationLeverage.Factor([.. ladder.Select(t => ((double)t.NonEmbeddingParameters, spec.Ladder.SeedsAt(t.Width)))], target.NonEmbeddingParameters);
        if (factor * runNoise <= ErrorGoal) return null;
        // The factor falls as 1/√seeds when every rung gets the same seeds.
        double single = ExtrapolationLeverage.Factor([.. ladder.Select(t => ((double)t.NonEmbeddingParameters, 1))], target.NonEmbeddingParameters);
        int needed = (int)Math.Ceiling(Math.Pow(single * runNoise / ErrorGoal, 2));
        return $"seed noise alone moves the prediction for width {target.Width} by about ±{Percent(factor * runNoise)} (1 sd), more than the {ErrorGoal:P0} goal: " +
               $"one run's {Percent(runNoise)} (predict.assumed_run_noise) reaches a target {target.NonEmbeddingParameters / (double)ladder[^1].NonEmbeddingParameters:F1}× the widest rung's parameters " +
               $"{factor.ToString("F2", CultureInfo.InvariantCulture)}× over with {spec.Ladder.DescribeSeeds()}; {needed} seeds per rung would bring it within the goal, or add wider rungs";
    }

    static string Percent(double value) => value.ToString("0.0# %", CultureInfo.InvariantCulture);

    // The search's winner when it is known, else the finished run with the lowest final loss (the first given): the curve the ladder will follow.
    static (Trial Trial, PlateauReport Plateau)? Reference(ExperimentPlan plan, IReadOnlyList<(Trial Trial, PlateauReport Plateau)> plateaus)
    {
        if (plateaus.Count == 0) return null;
        if (plan.Search?.Best is { } best && plateaus.FirstOrDefault(p => p.Trial.Identity == best.Identity) is { Trial: not null } chosen) return chosen;
        return plateaus[0];
    }
}

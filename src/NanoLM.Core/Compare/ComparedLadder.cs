using NanoLM.Fitting.Laws;
using NanoLM.Predictions;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Compare;

/// <summary>One design's ladder read from its store: what it is, where its losses were read, and its rungs.</summary>
/// <param name="Label">How tables and plots name the design: the experiment's name.</param>
/// <param name="FitStep">The step whose losses are compared: predict.fit_step for the power law, the last step for whole-curve laws.</param>
/// <param name="TokensPerRung">Training tokens of every rung (steps × batch × context), to tell whether two ladders saw the same data.</param>
/// <param name="TargetParams">Non-embedding parameters of the experiment's own targets, at its family's count.</param>
/// <param name="LossFloor">The loss E is fitted above: the corpus's oracle loss when predict.loss_floor is oracle and the data has one.</param>
public sealed record ComparedLadder(string Label, string SpecPath, ExperimentSpec Spec, int FitStep, long TokensPerRung,
    IReadOnlyList<ComparedRung> Rungs, IReadOnlyList<long> TargetParams, double? LossFloor = null)
{
    public ModelFamily Family => Spec.Model.Family;

    /// <summary>The law fitted to the ladder, which picks the recipe as predict.law does.</summary>
    public ScalingLaw Law { get; init; } = ScalingLaw.Power;

    /// <summary>Where a whole-curve law reads a size: the ladder's last step (its tokens and learning-rate areas); null for the power law.</summary>
    public LawPoint? End { get; init; }

    /// <summary>The point at which the ladder's law predicts a model of <paramref name="parameters"/>.</summary>
    public LawPoint At(double parameters) => End is { } end ? end.WithParams(parameters) : LawPoint.Ladder(parameters);

    /// <summary>
    /// Reads the ladder as `predict` does, through <see cref="StoredLadder"/>: with <paramref name="law"/> (default
    /// predict.law) power, the validation losses at the fit step (predict.fit_step, else the last step); with a
    /// whole-curve law, every rung's checkpoints from the burn-in on. <paramref name="oracle"/> is the data's oracle loss
    /// when the caller knows it, a floor for E if predict.loss_floor says so.
    /// </summary>
    public static ComparedLadder Read(ExperimentSpec spec, string specPath, RunStore store, string? label = null, double? oracle = null, ScalingLaw? law = null)
    {
        var fitted = law ?? spec.Predict.Law;
        var stored = StoredLadder.ReadForFit(spec, store, specPath);
        var plan = stored.Plan;
        int fitStep;
        List<ComparedRung> rungs;
        LawPoint? end = null;
        if (ScalingLaws.FitsWholeCurves(fitted))
        {
            var curves = CurveSamples.Read(stored, ScalingLaws.Create(fitted));
            fitStep = spec.Train.Steps;
            rungs = [.. curves.Curves.Select(c =>
            {
                var samples = curves.Of(c);
                return new ComparedRung(c.Trial.Identity.Hash, c.Trial.Width, c.Trial.Seed, c.Trial.NonEmbeddingParameters, c.Checkpoints[^1].Loss)
                {
                    Point = samples[^1].Point,
                    Samples = samples,
                };
            })];
            end = rungs[0].Point;
        }
        else
        {
            fitStep = spec.Predict.FitStep ?? spec.Train.Steps;
            rungs = [.. stored.LossesAt(fitStep)
                .Select(r => new ComparedRung(r.Trial.Identity.Hash, r.Trial.Width, r.Trial.Seed, r.Trial.NonEmbeddingParameters, r.Loss))];
        }
        long tokens = (long)spec.Train.Steps * spec.Train.Batch * spec.Model.SeqLen;
        return new ComparedLadder(label ?? spec.Name, Path.GetFullPath(specPath), spec, fitStep, tokens, rungs,
            [.. plan.TargetTrials.Select(t => t.NonEmbeddingParameters).Distinct()], spec.Predict.Floor(oracle))
        {
            Law = fitted,
            End = end,
        };
    }
}

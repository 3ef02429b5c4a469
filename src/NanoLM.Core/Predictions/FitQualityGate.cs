using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Runs;

namespace NanoLM.Predictions;

/// <summary>
/// Grades a ladder fit before its interval is shown: the residuals of each width's mean, whether wider is always better,
/// the leave-widest-out backtest against the interval the targets claim, parameters pinned at a bound or exponents no
/// language model has shown, and (whole-curve) runs still on the initial plateau. When a check fails it says why in one
/// sentence and widens or withholds the interval. Apart from the checks, it says when a target's interval cannot tell it
/// from the widest rung (<see cref="FitQualityVerdict.Signal"/>): a sound fit with nothing to extrapolate.
/// </summary>
/// <remarks>
/// Interval rule. Withheld (no interval) when the ladder gives the fit nothing to stand on: a wider width worse than a
/// narrower one by more than seed noise does, a run that never left the plateau, or too few widths to backtest. Widened
/// otherwise (a smaller inversion included): to at least the
/// larger of the backtest's miss and the worst residual, scaled by how much further the target lies beyond the widest
/// rung than the widest rung lies beyond the next (in log parameters) — error grows about linearly with that distance.
/// Every interval then also carries one run's seed noise (<see cref="RunNoise"/>), so it is an interval for the loss of one
/// training of the target, which is what a verified target measures: measured with two seeds or more per width, assumed
/// (predict.assumed_run_noise) with one, because a one-seed ladder's bootstrap cannot see it and gave ±0.2 % intervals
/// that missed by 1.2 %. An assumed noise is carried twice: once for the target's training, once through the fit for the
/// ladder's runs (<see cref="ExtrapolationLeverage"/>). With one run per width the bootstrap keeps every width
/// (<see cref="FitOptions.ResampleWithinSizes"/>), so the assumed noise is the whole interval, and the backtest is held
/// to what that noise allows at the held-out width.
/// </remarks>
public static class FitQualityGate
{
    /// <summary>The accuracy goal (docs/architecture.md, goals): a law that misses its own widths' means by more than 1 % cannot be trusted to 1 % at 9×.</summary>
    public const double ResidualLimit = 0.01;

    /// <summary>
    /// An exponent above this says the fit bent the law around noise, not that loss falls as N^-2: Kaplan et al. (0.076),
    /// Hoffmann et al. (0.34, 0.28), Besiroglu et al. (0.35, 0.37) and μScaling (0.42) all lie far below it.
    /// </summary>
    public const double PlausibleExponent = 2;

    /// <summary>Backtest misses below μScaling's best published errors (0.2 %) pass whatever the interval: finer than the evaluation resolves.</summary>
    public const double BacktestTolerance = 0.002;

    /// <summary>An inversion up to this many standard deviations of the difference between two widths' means is what seed noise does (two-sided 95 %).</summary>
    public const double InversionNoise = 1.96;

    /// <summary>A fitted loss that differs between widths by less than this (relative) is one loss: the law lost its size term.</summary>
    const double FlatTolerance = 1e-6;

    const string MoreData = "train on more distinct tokens";
    const string MoreTokens = "train each run on more tokens (train.steps or train.batch)";
    const string MoreSteps = "train longer (more steps, so every rung is past the initial plateau)";
    const string MoreSeeds = "add seeds (ladder.seeds)";
    const string WiderRungs = "use wider rungs";

    public static FitQualityVerdict Evaluate(ExperimentPrediction prediction)
    {
        var outcome = prediction.Outcome;
        var widths = prediction.Widths
            .Select(w => new FittedWidth(w.Width, w.Params, w.Loss, prediction.Rungs.Where(r => r.Trial.Width == w.Width).Average(prediction.Fitted), w.Seeds))
            .ToList();
        var checks = new List<GateCheck>();
        var failures = new List<(string Check, string Sentence)>();

        if (prediction.OnPlateau.Count > 0)
        {
            var first = prediction.OnPlateau[0];
            string detail = $"{prediction.OnPlateau.Count} ladder run(s) never left the initial plateau (first: width {first.Width}, seed {first.Seed})";
            checks.Add(new GateCheck("plateau", false, detail));
            failures.Add(("plateau", $"The ladder is not a power law yet: {detail}, so their losses measure when a rung escapes rather than what it can learn; {MoreSteps}."));
        }
        else if (prediction.WholeCurve) checks.Add(new GateCheck("plateau", true, "every ladder run left the initial plateau"));

        // Seed noise is needed before the monotonicity check: an inversion it explains widens the interval, a larger one withholds it.
        var noise = RunNoise.Estimate(prediction.Rungs) ?? RunNoise.Assume(prediction.Plan.Spec.Predict.AssumedRunNoise);
        var inversion = Enumerable.Range(1, Math.Max(0, widths.Count - 1))
            .Select(i => (Wider: widths[i], Best: widths.Take(i).MinBy(w => w.Loss)!))
            .FirstOrDefault(pair => pair.Wider.Loss > pair.Best.Loss);
        bool inversionBeyondNoise = false;
        if (inversion.Wider is { } wider)
        {
            double gap = wider.Loss / inversion.Best.Loss - 1;
            double explained = noise is null ? 0 : InversionNoise * noise.Relative * Math.Sqrt(1.0 / wider.Seeds + 1.0 / inversion.Best.Seeds);
            inversionBeyondNoise = gap > explained;
            string detail = $"width {wider.Width} ({F4(wider.Loss)}) is worse than the narrower width {inversion.Best.Width} ({F4(inversion.Best.Loss)}) by {Gap(gap)}"
                + (noise is null ? "" : inversionBeyondNoise ? $", more than seed noise does (up to {Gap(explained)})" : $", which seed noise can do (up to {Gap(explained)})");
            checks.Add(new GateCheck("monotonic", false, detail));
            failures.Add(("monotonic", inversionBeyondNoise
                ? $"The ladder is not a power law: {detail}, likely because rungs leave the initial plateau at different times or seed noise is larger than the gaps between rungs; {MoreSteps}, {MoreSeeds}, or {WiderRungs}."
                : $"Seed noise hides the ladder's shape: {detail}, so the interval is widened rather than withheld; {MoreSeeds} or {WiderRungs}."));
        }
        else checks.Add(new GateCheck("monotonic", true, "every width's mean loss is below every narrower width's"));

        // A width's mean of k seeds carries seed noise σ/√k: a residual that noise does (two-sided 95 %) says nothing against the law.
        double ResidualAllowed(FittedWidth w) => Math.Max(ResidualLimit, noise is null ? 0 : InversionNoise * noise.Relative / Math.Sqrt(w.Seeds));
        var worst = widths.MaxBy(w => Math.Abs(w.Residual) / ResidualAllowed(w));
        double maxResidual = widths.Count == 0 ? 0 : widths.Max(w => Math.Abs(w.Residual));
        bool residualsPass = worst is null || Math.Abs(worst.Residual) <= ResidualAllowed(worst);
        string residualLimit = worst is null ? "" : ResidualAllowed(worst) > ResidualLimit
            ? $"limit ±{Gap(ResidualAllowed(worst))}, what one run's ±{Gap(noise!.Relative)} seed noise does"
            : $"limit ±{ResidualLimit:P1}";
        string residualDetail = worst is null ? "no rungs" : $"largest residual {Percent(worst.Residual)} at width {worst.Width} (mean of {worst.Seeds} seed(s); {residualLimit})";
        checks.Add(new GateCheck("residuals", residualsPass, residualDetail));
        if (!residualsPass)
            failures.Add(("residuals", $"The ladder is not a power law: the fit misses the mean of width {worst!.Width} by {Percent(worst.Residual)} ({residualLimit}), likely seed noise or rungs still leaving the plateau; {MoreSeeds}, {MoreSteps}, or {WiderRungs}."));

        var raw = outcome.Bootstrap?.Predictions ?? outcome.Predictions;
        double? claimed = raw.FirstOrDefault(p => p.HasInterval) is { } withInterval ? HalfWidth(withInterval) : null;
        double? backtestError = null;
        var backtest = outcome.Backtest;
        if (backtest is { HeldOut.Count: > 0 })
        {
            double measured = backtest.HeldOut.Average(p => p.Target.Loss!.Value);
            double predicted = backtest.HeldOut.Average(p => p.Predicted);
            backtestError = Math.Abs(predicted - measured) / measured;
            double allowed = Math.Max(claimed ?? ResidualLimit, BacktestTolerance);
            string against = claimed is null ? $"the {ResidualLimit:P1} limit (no interval)" : $"the ±{claimed.Value:P2} the target's interval claims";
            // One run per width: the bootstrap keeps every width and has nothing to resample, so what an interval claims is
            // the assumed seed noise; at the held-out width it comes from that run's own training and, through the fit, the other widths'.
            if (noise is { Assumed: true } && outcome.Bootstrap is { } bootstrap)
            {
                var others = widths.SkipLast(1).Select(w => ((double)w.Params, w.Seeds)).ToList();
                double reach = noise.RelativeHalfWidth(bootstrap.Level, ExtrapolationLeverage.Factor(others, widths[^1].Params));
                if (reach > allowed)
                {
                    allowed = reach;
                    against = $"the ±{reach:P2} that one run's assumed ±{noise.Relative:P1} seed noise reaches at width {widths[^1].Width}";
                }
            }
            string detail = $"without width {widths[^1].Width} the fit missed it by {backtestError.Value:P2}; allowed {allowed:P2} ({against})";
            checks.Add(new GateCheck("backtest", backtestError <= allowed, detail));
            if (backtestError > allowed)
                failures.Add(("backtest", $"The fit extrapolates worse than its interval claims: fitted without width {widths[^1].Width} it missed that width by {backtestError.Value:P2}, more than {against}, likely seed noise or too short a ladder; {MoreSeeds}, or add wider rungs."));
        }
        else
        {
            checks.Add(new GateCheck("backtest", false, $"fewer than {RungBacktest.MinimumWidths} widths: no rung can be held out"));
            failures.Add(("backtest", $"Nothing checks this fit: with {widths.Count} widths no rung can be held out for a backtest; add widths to the ladder ({RungBacktest.MinimumWidths} or more)."));
        }

        var fit = outcome.Fit;
        // E on the corpus's oracle loss is held by a fact, not by an arbitrary box: the law left has A and α to identify.
        bool onFloor = FlooredLaw.HoldsE(fit);
        var pinned = Enumerable.Range(0, fit.Parameters.Length)
            .Where(j => !(onFloor && fit.Law.ParameterNames[j] == "E"))
            .Where(j => AtBound(fit.Parameters[j], fit.Law.LowerBounds[j]) || AtBound(fit.Parameters[j], fit.Law.UpperBounds[j])).ToList();
        var steep = Enumerable.Range(0, fit.Parameters.Length)
            .Where(j => !pinned.Contains(j) && IsExponent(fit.Law.ParameterNames[j]) && fit.Parameters[j] > PlausibleExponent).ToList();
        var unidentified = new List<string>();
        if (pinned.Count > 0) unidentified.Add(Parameters(fit, pinned) + " at a bound");
        if (steep.Count > 0) unidentified.Add(Parameters(fit, steep) + $" (above {PlausibleExponent}; published language-model exponents lie between 0.07 and 0.5)");
        // A law that gives every width the same loss has no size term left to extrapolate: no interval can be right.
        bool flat = widths.Count >= 2 && widths.Max(w => w.FittedLoss) - widths.Min(w => w.FittedLoss) <= FlatTolerance * widths[0].FittedLoss;
        if (flat) unidentified.Add("the same loss at every width");
        string identifiedDetail = string.Join("; ", (unidentified.Count == 0 ? ["no parameter at a bound"] : unidentified).Concat(onFloor ? [OnFloor(fit)] : []));
        checks.Add(new GateCheck("identified", unidentified.Count == 0, identifiedDetail));
        if (flat)
            failures.Add(("flat", $"The ladder shows no gain from width: the fit found {identifiedDetail}, so it cannot say how a wider model would do, likely because the rungs train on too little data or are noisier than the gaps between them; {MoreData}, {MoreSeeds}, or {WiderRungs}."));
        else if (unidentified.Count > 0)
            failures.Add(("identified", $"The ladder does not determine the law: the fit found {identifiedDetail}, likely because the rungs are too few, too close in size or too noisy; {MoreSeeds} or {WiderRungs}."));

        var notes = new List<string>();
        if (widths.Count > 0 && noise is null)
            notes.Add("one seed per width: the intervals ignore seed noise (set ladder.seeds: 2 or more)");
        else if (widths.Count > 0 && noise!.Assumed)
            notes.Add($"one seed per width: the intervals assume one run's seed noise is ±{noise.Relative.ToString("P1", CultureInfo.InvariantCulture)} (predict.assumed_run_noise), in the target's training and, carried through the fit, in the ladder's runs, since nothing measures it; set ladder.seeds: 2 or more to measure it");

        if (outcome.Bootstrap is null)
            notes.Add("no bootstrap (--bootstrap 0): no intervals");
        if (onFloor)
            notes.Add($"{OnFloor(fit)}: the ladder alone would put the irreducible loss below what any model can reach, so the floor sets it (predict.loss_floor) and the ladder sets A and alpha");

        bool withhold = failures.Any(f => f.Check is "plateau" or "flat" || f.Check == "monotonic" && inversionBeyondNoise || f.Check == "backtest" && backtestError is null);
        var action = failures.Count == 0 ? IntervalAction.Kept : withhold ? IntervalAction.Withheld : IntervalAction.Widened;
        double widen = Math.Max(backtestError ?? 0, maxResidual);
        var predictions = outcome.Predictions.Select(p => action switch
        {
            IntervalAction.Withheld => p with { Lower = double.NaN, Upper = double.NaN },
            IntervalAction.Widened => Widened(p, widen * DistanceRatio(p.Target.Point.Params, widths)),
            _ => p,
        }).Select(p => noise is null || outcome.Bootstrap is null ? p : noise.Widen(p, outcome.Bootstrap.Level, Leverage(p, widths))).ToList();
        string? sentence = failures.Count == 0 ? null : Priority(failures, inversionBeyondNoise);
        return new FitQualityVerdict(failures.Count == 0, checks, sentence, action, notes, predictions, maxResidual, backtestError)
        {
            RunNoise = outcome.Bootstrap is null ? null : noise,
            Signal = Signal(prediction, predictions),
        };
    }

    /// <summary>
    /// Null when every target beyond the ladder is predicted better than the widest rung by more than its interval's
    /// reach; otherwise the sentence that says the ladder cannot tell that target from its widest rung, and what to change.
    /// Not a failure: the fit may be sound, it only has nothing to extrapolate.
    /// </summary>
    static string? Signal(ExperimentPrediction prediction, IReadOnlyList<Prediction> gated)
    {
        var widths = prediction.Widths;
        if (widths.Count == 0) return null;
        var widest = widths[^1];
        var unresolved = prediction.Targets.Zip(gated)
            .Where(pair => pair.First.Trial.NonEmbeddingParameters > widest.Params)
            .Select(pair => (pair.First.Trial, Gain: TargetGain.Over(widest, pair.Second)))
            .FirstOrDefault(pair => pair.Gain.HasInterval && !pair.Gain.Resolved);
        if (unresolved.Trial is not { } target) return null;
        var gain = unresolved.Gain;
        return $"The ladder cannot tell the target from its widest rung: width {target.Width} is predicted {Versus(gain.Gain)} than width {widest.Width} ({F4(widest.Loss)}), " +
               $"but its interval runs from {Versus(gain.Lower)} to {Versus(gain.Upper)}, so the fit adds nothing to \"as good as width {widest.Width}\"; " +
               $"{MoreTokens}, use narrower rungs (a wider span of sizes, each further from its data limit), or {MoreSeeds}.";
    }

    /// <summary>
    /// The first failure in order of how much it undermines the fit: plateau, a law without a size term, monotonicity,
    /// residuals, backtest, identification; an inversion seed noise explains comes last, since any other failure says more.
    /// </summary>
    static string Priority(List<(string Check, string Sentence)> failures, bool inversionBeyondNoise)
    {
        string[] order = inversionBeyondNoise
            ? ["plateau", "flat", "monotonic", "residuals", "backtest", "identified"]
            : ["plateau", "flat", "residuals", "backtest", "identified", "monotonic"];
        return failures.OrderBy(f => Array.IndexOf(order, f.Check)).First().Sentence;
    }

    static Prediction Widened(Prediction p, double halfWidth)
    {
        double lower = p.Predicted * (1 - halfWidth), upper = p.Predicted * (1 + halfWidth);
        return p with { Lower = p.HasInterval ? Math.Min(p.Lower, lower) : lower, Upper = p.HasInterval ? Math.Max(p.Upper, upper) : upper };
    }

    static double Leverage(Prediction p, List<FittedWidth> widths) =>
        widths.Count < 2 ? 0 : ExtrapolationLeverage.Factor([.. widths.Select(w => ((double)w.Params, w.Seeds))], p.Target.Point.Params);

    // How much further (in log parameters) the target lies beyond the widest rung than the widest rung beyond the next.
    static double DistanceRatio(double target, List<FittedWidth> widths)
    {
        if (widths.Count < 2 || !(target > widths[^1].Params)) return 1;
        double backtest = Math.Log((double)widths[^1].Params / widths[^2].Params);
        return backtest > 0 ? Math.Max(1, Math.Log(target / widths[^1].Params) / backtest) : 1;
    }

    static bool IsExponent(string parameter) => parameter is "alpha" or "beta";

    static string OnFloor(FitResult fit) => $"E = {F4(fit.Parameter("E"))} on the corpus's oracle loss";

    static string Parameters(FitResult fit, List<int> indices) =>
        string.Join(", ", indices.Select(j => $"{fit.Law.ParameterNames[j]} = {fit.Parameters[j].ToString("G4", CultureInfo.InvariantCulture)}"));

    static double HalfWidth(Prediction p) => Math.Max(p.Upper - p.Predicted, p.Predicted - p.Lower) / p.Predicted;

    static bool AtBound(double value, double bound) =>
        double.IsFinite(bound) && Math.Abs(value - bound) <= 1e-6 * Math.Max(1, Math.Abs(bound));

    static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
    static string Gap(double value) => value.ToString("0.00 %", CultureInfo.InvariantCulture);
    static string Versus(double gain) => gain >= 0 ? $"{Gap(gain)} better" : $"{Gap(-gain)} worse";
    static string Percent(double value) => value.ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture);

    sealed record FittedWidth(int Width, long Params, double Loss, double FittedLoss, int Seeds)
    {
        public double Residual => (Loss - FittedLoss) / FittedLoss;
    }
}

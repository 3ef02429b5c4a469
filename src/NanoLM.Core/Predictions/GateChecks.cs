using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Predictions;

/// <summary>
/// The fit-quality gate's checks. Each reads the ladder and returns what it found: its detail line and, when it failed,
/// the failure's rank, what it does to the interval and its sentence (<see cref="GateFailure"/>).
/// </summary>
static class GateChecks
{
    // What to change, as the failures' sentences and the verdict's signal say it.
    internal const string MoreData = "train on more distinct tokens";
    internal const string MoreTokens = "train each run on more tokens (train.steps or train.batch)";
    internal const string MoreSteps = "train longer (more steps, so every rung is past the initial plateau)";
    internal const string MoreSeeds = "add seeds (ladder.seeds)";
    internal const string WiderRungs = "use wider rungs";

    /// <summary>A fitted loss that differs between widths by less than this (relative) is one loss: the law lost its size term.</summary>
    const double FlatTolerance = 1e-6;

    public static IReadOnlyList<GateCheck> All(GateLadder ladder) =>
        [.. new[] { Plateau(ladder), Monotonic(ladder), Residuals(ladder), Backtest(ladder), Identified(ladder) }.OfType<GateCheck>()];

    /// <summary>Runs that never left the initial plateau measure when a rung escapes, not what it can learn. Whole-curve fits only, unless a run is on it.</summary>
    public static GateCheck? Plateau(GateLadder ladder)
    {
        var prediction = ladder.Prediction;
        if (prediction.OnPlateau.Count == 0)
            return prediction.WholeCurve ? new GateCheck(GateCheckKind.Plateau, "every ladder run left the initial plateau") : null;
        var first = prediction.OnPlateau[0];
        string detail = $"{prediction.OnPlateau.Count} ladder run(s) never left the initial plateau (first: width {first.Width}, seed {first.Seed})";
        return new GateCheck(GateCheckKind.Plateau, detail, new GateFailure(GateFailureKind.Plateau, IntervalAction.Withheld,
            $"The ladder is not a power law yet: {detail}, so their losses measure when a rung escapes rather than what it can learn; {MoreSteps}."));
    }

    /// <summary>Wider is better: an inversion that seed noise explains widens the interval, a larger one withholds it.</summary>
    public static GateCheck Monotonic(GateLadder ladder)
    {
        var widths = ladder.Widths;
        var inversion = Enumerable.Range(1, Math.Max(0, widths.Count - 1))
            .Select(i => (Wider: widths[i], Best: widths.Take(i).MinBy(w => w.Loss)!))
            .FirstOrDefault(pair => pair.Wider.Loss > pair.Best.Loss);
        if (inversion.Wider is not { } wider)
            return new GateCheck(GateCheckKind.Monotonic, "every width's mean loss is below every narrower width's");

        var noise = ladder.Noise;
        double gap = wider.Loss / inversion.Best.Loss - 1;
        double explained = noise is null ? 0 : FitQualityGate.InversionNoise * noise.Relative * Math.Sqrt(1.0 / wider.Seeds + 1.0 / inversion.Best.Seeds);
        bool beyondNoise = gap > explained;
        string detail = $"width {wider.Width} ({F4(wider.Loss)}) is worse than the narrower width {inversion.Best.Width} ({F4(inversion.Best.Loss)}) by {Gap(gap)}"
            + (noise is null ? "" : beyondNoise ? $", more than seed noise does (up to {Gap(explained)})" : $", which seed noise can do (up to {Gap(explained)})");
        return new GateCheck(GateCheckKind.Monotonic, detail, beyondNoise
            ? new GateFailure(GateFailureKind.Inversion, IntervalAction.Withheld,
                $"The ladder is not a power law: {detail}, likely because rungs leave the initial plateau at different times or seed noise is larger than the gaps between rungs; {MoreSteps}, {MoreSeeds}, or {WiderRungs}.")
            : new GateFailure(GateFailureKind.NoisyInversion, IntervalAction.Widened,
                $"Seed noise hides the ladder's shape: {detail}, so the interval is widened rather than withheld; {MoreSeeds} or {WiderRungs}."));
    }

    /// <summary>The law meets each width's mean within the accuracy goal, or within what seed noise does to a mean of that many seeds.</summary>
    public static GateCheck Residuals(GateLadder ladder)
    {
        var noise = ladder.Noise;
        // A width's mean of k seeds carries seed noise σ/√k: a residual that noise does (two-sided 95 %) says nothing against the law.
        double Allowed(FittedWidth w) => Math.Max(FitQualityGate.ResidualLimit, noise is null ? 0 : FitQualityGate.InversionNoise * noise.Relative / Math.Sqrt(w.Seeds));
        var worst = ladder.Widths.MaxBy(w => Math.Abs(w.Residual) / Allowed(w));
        if (worst is null) return new GateCheck(GateCheckKind.Residuals, "no rungs");

        string limit = Allowed(worst) > FitQualityGate.ResidualLimit
            ? $"limit ±{Gap(Allowed(worst))}, what one run's ±{Gap(noise!.Relative)} seed noise does"
            : $"limit ±{FitQualityGate.ResidualLimit:P1}";
        string detail = $"largest residual {Percent(worst.Residual)} at width {worst.Width} (mean of {worst.Seeds} seed(s); {limit})";
        return Math.Abs(worst.Residual) <= Allowed(worst)
            ? new GateCheck(GateCheckKind.Residuals, detail)
            : new GateCheck(GateCheckKind.Residuals, detail, new GateFailure(GateFailureKind.Residuals, IntervalAction.Widened,
                $"The ladder is not a power law: the fit misses the mean of width {worst.Width} by {Percent(worst.Residual)} ({limit}), likely seed noise or rungs still leaving the plateau; {MoreSeeds}, {MoreSteps}, or {WiderRungs}."));
    }

    /// <summary>Fitted without the widest width, the law meets it within what the target's interval claims; with too few widths nothing checks the fit, and the interval is withheld.</summary>
    public static GateCheck Backtest(GateLadder ladder)
    {
        var widths = ladder.Widths;
        if (ladder.BacktestMiss is not { } miss)
            return new GateCheck(GateCheckKind.Backtest, $"fewer than {RungBacktest.MinimumWidths} widths: no rung can be held out",
                new GateFailure(GateFailureKind.Backtest, IntervalAction.Withheld,
                    $"Nothing checks this fit: with {widths.Count} widths no rung can be held out for a backtest; add widths to the ladder ({RungBacktest.MinimumWidths} or more)."));

        var outcome = ladder.Outcome;
        var raw = outcome.Bootstrap?.Predictions ?? outcome.Predictions;
        double? claimed = raw.FirstOrDefault(p => p.HasInterval) is { } withInterval ? HalfWidth(withInterval) : null;
        double allowed = Math.Max(claimed ?? FitQualityGate.ResidualLimit, FitQualityGate.BacktestTolerance);
        string against = claimed is null ? $"the {FitQualityGate.ResidualLimit:P1} limit (no interval)" : $"the ±{claimed.Value:P2} the target's interval claims";
        // One run per width: the bootstrap keeps every width and has nothing to resample, so what an interval claims is
        // the assumed seed noise; at the held-out width it comes from that run's own training and, through the fit, the other widths'.
        if (ladder.Noise is { Assumed: true } noise && outcome.Bootstrap is { } bootstrap)
        {
            var others = widths.SkipLast(1).Select(w => ((double)w.Params, w.Seeds)).ToList();
            double reach = noise.RelativeHalfWidth(bootstrap.Level, ExtrapolationLeverage.Factor(others, widths[^1].Params));
            if (reach > allowed)
            {
                allowed = reach;
                against = $"the ±{reach:P2} that one run's assumed ±{noise.Relative:P1} seed noise reaches at width {widths[^1].Width}";
            }
        }
        string detail = $"without width {widths[^1].Width} the fit missed it by {miss:P2}; allowed {allowed:P2} ({against})";
        return miss <= allowed
            ? new GateCheck(GateCheckKind.Backtest, detail)
            : new GateCheck(GateCheckKind.Backtest, detail, new GateFailure(GateFailureKind.Backtest, IntervalAction.Widened,
                $"The fit extrapolates worse than its interval claims: fitted without width {widths[^1].Width} it missed that width by {miss:P2}, more than {against}, likely seed noise or too short a ladder; {MoreSeeds}, or add wider rungs."));
    }

    /// <summary>
    /// The ladder determines the law: no parameter pinned at a bound, no exponent no language model has shown, and a size
    /// term left (a law that gives every width the same loss cannot extrapolate: its interval is withheld).
    /// </summary>
    public static GateCheck Identified(GateLadder ladder)
    {
        var fit = ladder.Outcome.Fit;
        var widths = ladder.Widths;
        // E on the corpus's oracle loss is held by a fact, not by an arbitrary box: the law left has A and α to identify.
        bool onFloor = FlooredLaw.HoldsE(fit);
        var pinned = Enumerable.Range(0, fit.Parameters.Length)
            .Where(j => !(onFloor && fit.Law.ParameterNames[j] == "E"))
            .Where(j => AtBound(fit.Parameters[j], fit.Law.LowerBounds[j]) || AtBound(fit.Parameters[j], fit.Law.UpperBounds[j])).ToList();
        var steep = Enumerable.Range(0, fit.Parameters.Length)
            .Where(j => !pinned.Contains(j) && IsExponent(fit.Law.ParameterNames[j]) && fit.Parameters[j] > FitQualityGate.PlausibleExponent).ToList();
        var unidentified = new List<string>();
        if (pinned.Count > 0) unidentified.Add(Parameters(fit, pinned) + " at a bound");
        if (steep.Count > 0) unidentified.Add(Parameters(fit, steep) + $" (above {FitQualityGate.PlausibleExponent}; published language-model exponents lie between 0.07 and 0.5)");
        bool flat = widths.Count >= 2 && widths.Max(w => w.FittedLoss) - widths.Min(w => w.FittedLoss) <= FlatTolerance * widths[0].FittedLoss;
        if (flat) unidentified.Add("the same loss at every width");
        string detail = string.Join("; ", (unidentified.Count == 0 ? ["no parameter at a bound"] : unidentified).Concat(onFloor ? [OnFloor(fit)] : []));

        if (flat)
            return new GateCheck(GateCheckKind.Identified, detail, new GateFailure(GateFailureKind.Flat, IntervalAction.Withheld,
                $"The ladder shows no gain from width: the fit found {detail}, so it cannot say how a wider model would do, likely because the rungs train on too little data or are noisier than the gaps between them; {MoreData}, {MoreSeeds}, or {WiderRungs}."));
        if (unidentified.Count > 0)
            return new GateCheck(GateCheckKind.Identified, detail, new GateFailure(GateFailureKind.Unidentified, IntervalAction.Widened,
                $"The ladder does not determine the law: the fit found {detail}, likely because the rungs are too few, too close in size or too noisy; {MoreSeeds} or {WiderRungs}."));
        return new GateCheck(GateCheckKind.Identified, detail);
    }

    /// <summary>How E is held when it sits on the corpus's oracle loss, for the detail line and the gate's notes.</summary>
    public static string OnFloor(FitResult fit) => $"E = {F4(fit.Parameter("E"))} on the corpus's oracle loss";

    static bool IsExponent(string parameter) => parameter is "alpha" or "beta";

    static string Parameters(FitResult fit, List<int> indices) =>
        string.Join(", ", indices.Select(j => $"{fit.Law.ParameterNames[j]} = {fit.Parameters[j].ToString("G4", CultureInfo.InvariantCulture)}"));

    static double HalfWidth(Prediction p) => Math.Max(p.Upper - p.Predicted, p.Predicted - p.Lower) / p.Predicted;

    static bool AtBound(double value, double bound) =>
        double.IsFinite(bound) && Math.Abs(value - bound) <= 1e-6 * Math.Max(1, Math.Abs(bound));

    internal static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
    internal static string Gap(double value) => value.ToString("0.00 %", CultureInfo.InvariantCulture);
    static string Percent(double value) => value.ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture);
}

using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;
using NanoLM.Plan;
using NanoLM.Predictions;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Report;

/// <summary>Turns what the store holds about an experiment, and its prediction when there is one, into a report model and its files.</summary>
public static class ExperimentReport
{
    const int BandPoints = 48;

    /// <summary>
    /// Writes the report to <paramref name="directory"/> (default: report/ beside the store). Without a prediction it fits
    /// the ladder itself, with predict's options, when the ladder is complete; <paramref name="oracle"/> is the built-in
    /// corpus's oracle loss, null for other data.
    /// </summary>
    public static WrittenReport Write(ExperimentSpec spec, string specPath, RunStore store, ExperimentPrediction? prediction, double? oracle,
        EnvironmentInfo? environment, string? directory = null)
    {
        var options = ExperimentPredictor.DefaultOptions(oracle);
        string? withoutFit = null;
        if (prediction is null)
        {
            try { prediction = ExperimentPredictor.Predict(spec, store, options); }
            catch (UserError e) { withoutFit = e.Message; }
        }
        var model = Build(spec, specPath, store, store.PlanFor(spec), prediction, oracle, environment, options);
        var output = ReportRenderer.Write(model, directory ?? Path.Combine(Path.GetDirectoryName(store.Path)!, "report"));
        return new WrittenReport(output, model, withoutFit);
    }

    /// <param name="prediction">The ladder's fit; null when the ladder is not complete (the fit section then says so).</param>
    /// <param name="oracleLoss">The corpus's best possible loss at the model's context, when known.</param>
    public static ReportModel Build(ExperimentSpec spec, string specPath, RunStore store, ExperimentPlan plan,
        ExperimentPrediction? prediction, double? oracleLoss, EnvironmentInfo? environment, FitOptions bandOptions)
    {
        string specDirectory = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
        var runs = store.ListRuns().Where(r => plan.Trials.Any(t => t.Identity.Hash == r.Id)).ToList();
        var summary = new ReportSummary(spec.Name, ScalingLaws.Name(prediction?.Law ?? spec.Predict.Law), store.Path,
            runs.Select(r => r.Started).Min(), runs.Select(r => r.Finished).Max(),
            LossUnit: spec.Data.Source == DataSource.Synthetic || spec.Data.VocabSize == 256 ? "nats/byte" : "nats/token",
            Facts:
            [
                new ReportFact("spec", Path.GetFullPath(specPath)),
                new ReportFact("data", spec.Data.Source == DataSource.Synthetic ? $"built-in synthetic corpus, seed {spec.Data.Seed}{(spec.Data.Language.Describe() is { Length: > 0 } shape ? $" ({shape})" : "")}" : $"shards in {spec.Data.Path}"),
                new ReportFact("model", $"{spec.Model.Family.ToString().ToLowerInvariant()}, depth {spec.Model.Depth}, head dim {spec.Model.HeadDim}, context {spec.Model.SeqLen}, base width {spec.Model.BaseWidth}, {spec.Parametrization.ToString().ToLowerInvariant()}"),
                new ReportFact("ladder", $"widths {string.Join(", ", spec.Ladder.Widths)}, {spec.Ladder.DescribeSeeds()}, {spec.Train.Steps} steps of {spec.Train.Batch}×{spec.Model.SeqLen} tokens"),
            ]);
        if (prediction?.Gate is { } gate)
            summary = summary with
            {
                Gate = gate.Passed ? "passed" : $"failed, interval {gate.Action.ToString().ToLowerInvariant()}",
                GateWarnings = [.. new[] { gate.Signal, gate.Sentence }.OfType<string>()],
            };
        return new ReportModel(summary, Search(store, plan), Ladder(store, plan, prediction), Fit(prediction, oracleLoss, bandOptions),
            Backtest(prediction), CoordCheck(specDirectory, spec), Cost(store, plan), environment);
    }

    /// <summary>The last step's plot of a `dotnet nanolm coord-check` run in the experiment's folder, when there is one.</summary>
    static CoordCheckResults? CoordCheck(string specDirectory, ExperimentSpec spec)
    {
        string folder = Path.Combine(specDirectory, "coord-check");
        if (!Directory.Exists(folder)) return null;
        var plots = Directory.GetFiles(folder, "coord-check-step*.svg")
            .OrderBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f)["coord-check-step".Length..], out int step) ? step : -1).ToList();
        return plots.Count == 0 ? null : new CoordCheckResults(spec.Parametrization.ToString().ToLowerInvariant(), [], File.ReadAllText(plots[^1]));
    }

    static SearchResults? Search(RunStore store, ExperimentPlan plan)
    {
        // The points as the plan scored them (SearchSelection), of the trials recorded so far; the chosen one is found by
        // all its hyperparameters, since a grid that also sweeps σ or α_out has several points at one LR.
        var points = SearchSelection.Score(plan.SearchTrials, store.CompletedValidationLosses());
        var sweeps = points.GroupBy(p => p.Width).Select(width =>
        {
            var shown = width.OrderBy(p => p.Hyperparameters.Lr).Select(p => (Point: p, Shown: new LearningRatePoint(p.Hyperparameters.Lr, p.Loss))).ToList();
            var own = plan.RungSearches.FirstOrDefault(s => s.Best.Width == width.Key);
            var winner = (own ?? (plan.Search?.Best.Width == width.Key ? plan.Search : null))?.Best;
            var chosen = winner is null ? null : shown.FirstOrDefault(s => s.Point.Hyperparameters == winner.Settings.Hyperparameters).Shown;
            return new LearningRateSweep(width.Key, [.. shown.Select(s => s.Shown)], chosen, OwnSearch: own is not null);
        }).ToList();
        return sweeps.Count == 0 ? null : new SearchResults(sweeps);
    }

    static LadderCurves? Ladder(RunStore store, ExperimentPlan plan, ExperimentPrediction? prediction)
    {
        var curves = new List<LadderRunCurve>();
        foreach (var (trial, record, metrics) in StoredLadder.Read(plan, store).Rungs)
        {
            if (record is null) continue;
            curves.Add(new LadderRunCurve(trial.Width, trial.Seed,
                [.. metrics.Where(m => m.TrainLoss is not null && m.Tokens > 0).Select(m => new TokenLossPoint(m.Tokens!.Value, m.TrainLoss!.Value))],
                [.. metrics.Where(m => m.ValidationLoss is not null && m.Tokens > 0).Select(m => new TokenLossPoint(m.Tokens!.Value, m.ValidationLoss!.Value))]));
        }
        double? fitAt = prediction is null ? null : (double)prediction.FitStep * plan.Spec.Train.Batch * plan.Spec.Model.SeqLen;
        return curves.Count == 0 ? null : new LadderCurves(curves, fitAt);
    }

    static ReportedFit? Fit(ExperimentPrediction? prediction, double? oracleLoss, FitOptions bandOptions)
    {
        if (prediction is null) return null;
        var outcome = prediction.Outcome;
        var fit = outcome.Fit;
        double a = fit.Parameter("A"), alpha = fit.Parameter("alpha");
        // Whole-curve laws add the parameter term to a term of training progress: at the last step that term is a constant,
        // so the plotted curve is the power law in N whose offset is the fit at a rung's last checkpoint minus its N term.
        var anchor = prediction.Rungs[^1];
        double e = prediction.Fitted(anchor) - a * Math.Pow(anchor.Trial.NonEmbeddingParameters, -alpha);
        var xs = prediction.Rungs.Select(r => (double)r.Trial.NonEmbeddingParameters)
            .Concat(prediction.Targets.Select(t => (double)t.Trial.NonEmbeddingParameters)).ToList();
        double xMin = xs.Min() / 1.3, xMax = xs.Max() * 1.3;

        var intervals = prediction.ParameterIntervalsWithheld is null ? outcome.Bootstrap : null;
        var parameters = fit.Law.ParameterNames.Select((name, j) => new FitParameter(name, fit.Parameters[j],
            intervals?.Lower[j], intervals?.Upper[j])).ToList();
        var targets = prediction.Targets.Select((target, i) =>
        {
            var (p, expected, gain) = (outcome.Predictions[i], prediction.Expected[i], prediction.Gains[i]);
            return new TargetPrediction($"width {target.Trial.Width}", target.Trial.NonEmbeddingParameters, p.Predicted,
                p.HasInterval ? p.Lower : null, p.HasInterval ? p.Upper : null, target.Measured)
            {
                ExpectedLower = expected.HasInterval ? expected.Lower : null,
                ExpectedUpper = expected.HasInterval ? expected.Upper : null,
                Gain = new RungGain($"width {gain.WidestWidth}", gain.Gain, gain.HasInterval ? gain.Lower : null, gain.HasInterval ? gain.Upper : null),
            };
        }).ToList();
        return new ReportedFit(ScalingLaws.Name(prediction.Law), "non-embedding parameters", null,
            [.. prediction.Rungs.Select(r => new ScalingPoint(r.Trial.NonEmbeddingParameters, r.Loss, $"w{r.Trial.Width}"))],
            PowerLawCurve.Sample(e, a, alpha, xMin, xMax),
            parameters, Band(prediction, xMin, xMax, bandOptions), targets, oracleLoss, fit.Fitter, fit.Objective)
        {
            Notes = prediction.ParameterIntervalsWithheld is { } withheld ? [withheld] : [],
        };
    }

    // The band is the bootstrap's prediction interval along the curve: the same resampling, asked at many sizes.
    static IReadOnlyList<ScalingBandPoint>? Band(ExperimentPrediction prediction, double xMin, double xMax, FitOptions options)
    {
        if (options.Bootstrap <= 0) return null;
        options = options with { ResampleWithinSizes = prediction.ResampledWithinSizes, Level = prediction.Plan.Spec.Predict.Level };
        var grid = Enumerable.Range(0, BandPoints).Select(i => xMin * Math.Pow(xMax / xMin, i / (BandPoints - 1.0))).ToList();
        if (prediction.WholeCurve && prediction.Samples.Count > 0 && prediction.Rungs[^1].Point is { } last)
        {
            // Every size at the last step: the rung's point with its parameters replaced.
            var targets = grid.Select(x => new PredictionTarget(last.WithParams(x))).ToList();
            var fit = prediction.Outcome.Fit;
            var bootstrap = Fitting.Bootstrap.Run(Fitters.For(fit.Law, options.Fitter), fit, prediction.Samples, options.Bootstrap, options.Seed, targets, options.Level, options.ResampleWithinSizes);
            return [.. bootstrap.Predictions.Where(p => p.HasInterval).Select(p => new ScalingBandPoint(p.Target.Point.Params, p.Lower, p.Upper))];
        }
        var outcome = LadderPrediction.Predict(
            prediction.Rungs.Select(r => new LadderPoint(r.Trial.Identity.Hash, r.Trial.NonEmbeddingParameters, r.Loss)),
            grid.Select(x => new LadderTarget(x)), ScalingLaw.Power, ScalingAxis.Params, options with { Backtest = false });
        return [.. outcome.Predictions.Where(p => p.HasInterval).Select(p => new ScalingBandPoint(p.Target.Point.Params, p.Lower, p.Upper))];
    }

    static IReadOnlyList<BacktestRow>? Backtest(ExperimentPrediction? prediction) =>
        prediction?.Outcome.Backtest is { } backtest
            // The fit saw every width but the widest: FittedPoints would count its runs or checkpoints, not its widths.
            ? [.. backtest.HeldOut.Select(p => new BacktestRow(prediction.Widths.Count - 1, p.Target.Point.Params, p.Predicted, p.Target.Loss ?? double.NaN))]
            : null;

    static CostBreakdown Cost(RunStore store, ExperimentPlan plan)
    {
        var rows = new List<CostRow>();
        var seen = new HashSet<RunIdentity>();
        foreach (var (stage, costStage) in new[] { (TrialStage.Search, CostStage.Search), (TrialStage.Ladder, CostStage.Ladder), (TrialStage.Target, CostStage.Target) })
        {
            var trials = plan.Trials.Where(t => t.Stage == stage && t.Trains && seen.Add(t.Identity)).ToList();
            double wall = trials.Sum(t => store.FindRun(t.Identity.Hash)?.WallSeconds ?? 0);
            rows.Add(new CostRow(costStage, trials.Count, trials.Sum(t => t.TrainingFlops), TimeSpan.FromSeconds(wall)));
        }
        // The target row is what one training of the largest target costs, trained or not, so the budget reads against it.
        if (plan.TargetTrials.MaxBy(t => t.TrainingFlops) is { } largest && !largest.Trains)
            rows[^1] = new CostRow(CostStage.Target, 1, largest.TrainingFlops, TimeSpan.Zero);
        return new CostBreakdown(rows);
    }
}

using NanoLM.Fitting;
using NanoLM.Predictions;
using NanoLM.Report;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Tests.Runs;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Predictions;

public class WholeCurvePredictionTests
{
    internal const string Yaml = """
        name: curves
        model: { depth: 2, head_dim: 8, seq_len: 16, base_width: 32 }
        train: { batch: 4, steps: 400, warmup: 20, eval_interval: 40 }
        search:
          proxy_width: 32
          grid: { lr: [0.01] }
        ladder: { widths: [32, 48, 64, 96, 128], seeds: 2 }
        targets:
          - width: 384
            verify: true
        predict: { law: chinchilla }
        """;

    internal static ExperimentSpec Spec(string yaml = Yaml) =>
        SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();

    static ExperimentPrediction Predict(ExperimentSpec spec, Func<NanoLM.Plan.Trial, int, double> loss, int bootstrap = 50)
    {
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();
        new ExperimentRunner(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, new CurveTrialTrainer(loss), new SilentProgress())
            .Run(TrainingStages.Parse("all"), CancellationToken.None);
        return ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: bootstrap, Seed: 1));
    }

    [Fact]
    public void Chinchilla_whole_curve_fit_predicts_a_verified_target_of_a_clean_ladder()
    {
        var prediction = Predict(Spec(), CurveTrialTrainer.Chinchilla);

        Assert.True(prediction.WholeCurve);
        Assert.Equal(400, prediction.FitStep);
        var target = prediction.Outcome.Predictions.Single();
        Assert.InRange(Math.Abs(target.RelativeError!.Value), 0, 0.005);
        Assert.True(target.HasInterval);
        Assert.True(prediction.Gate!.Passed, prediction.Gate.Sentence);
        // 10 runs, each with its checkpoints from the burn-in on (every 40 steps).
        long burnIn = prediction.BurnIn!.Value;
        Assert.Equal(10 * Enumerable.Range(1, 10).Count(k => 40 * k >= burnIn), prediction.Samples.Count);
        Assert.Equal(10, prediction.Samples.Select(s => s.Run).Distinct().Count());
    }

    [Fact]
    public void The_reports_backtest_counts_the_widths_it_fitted_not_their_checkpoints()
    {
        var spec = Spec();
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();
        string specPath = Path.Combine(temporary.Directory, "nanolm.yaml");
        new ExperimentRunner(spec, specPath, store, new CurveTrialTrainer(CurveTrialTrainer.Chinchilla), new SilentProgress())
            .Run(TrainingStages.Parse("all"), CancellationToken.None);
        var prediction = ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: 0));

        var report = ExperimentReport.Build(spec, specPath, store, NanoLM.Plan.PlanBuilder.Build(spec, store.CompletedValidationLosses()), prediction, null, null, new FitOptions());

        // Five widths: the backtest fits the narrowest four (two seeds, every checkpoint after the burn-in) and holds out width 128's two runs.
        Assert.True(prediction.Outcome.Backtest!.FittedPoints > 4);
        Assert.Equal(2, report.Backtest!.Count);
        Assert.All(report.Backtest, row => Assert.Equal(4, row.FittedCount));
    }

    [Fact]
    public void Burn_in_set_in_nanolm_yaml_is_used_as_given()
    {
        var spec = Spec(Yaml.Replace("predict: { law: chinchilla }", "predict: { law: chinchilla, burn_in: 200 }"));

        var prediction = Predict(spec, CurveTrialTrainer.Chinchilla, bootstrap: 0);

        Assert.Equal(200, prediction.BurnIn);
        Assert.False(prediction.BurnInDetected);
        Assert.All(prediction.Samples, s => Assert.True(s.Point.Step >= 200));
    }

    [Fact]
    public void Annealing_law_fits_a_ladder_over_its_learning_rate_areas()
    {
        var spec = Spec(Yaml.Replace("law: chinchilla", "law: annealing"));

        var prediction = Predict(spec, CurveTrialTrainer.Annealing, bootstrap: 0);

        Assert.Equal(ScalingLaw.Annealing, prediction.Law);
        Assert.Equal(["E", "A", "B", "alpha", "beta", "C"], prediction.Outcome.Fit.Law.ParameterNames);
        Assert.InRange(Math.Abs(prediction.Outcome.Predictions.Single().RelativeError!.Value), 0, 0.01);
    }

    [Fact]
    public void Runs_that_never_leave_the_plateau_trip_the_gate_and_withhold_the_interval()
    {
        // Widths 96 and 128 sit on a plateau at 2.4 for the whole run, as rungs trained too briefly do.
        var prediction = Predict(Spec(), (trial, step) => trial.Width >= 96 ? 2.4 + 0.05 * Math.Exp(-step / 30.0) : CurveTrialTrainer.Chinchilla(trial, step), bootstrap: 0);

        var gate = prediction.Gate!;
        Assert.False(gate.Passed);
        Assert.Equal(IntervalAction.Withheld, gate.Action);
        Assert.Contains(gate.Checks, c => c.Name == "plateau" && !c.Passed);
        Assert.Contains("more steps", gate.Sentence);
    }
}

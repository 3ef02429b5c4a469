using NanoLM.Fitting;
using NanoLM.Predictions;
using NanoLM.Report;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Tests.Runs;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Predictions;

public class ExperimentPredictorTests
{
    internal const string Yaml = """
        name: predictor
        model: { depth: 2, head_dim: 8, seq_len: 16, base_width: 32 }
        train: { batch: 2, steps: 10, warmup: 2, eval_interval: 5 }
        search:
          proxy_width: 32
          steps: 10
          grid: { lr: [0.01, 0.03] }
        ladder: { widths: [32, 48, 64, 96, 128], seeds: 2 }
        targets:
          - width: 512
            verify: true
        predict: { law: power }
        """;

    internal static ExperimentSpec Spec(string yaml = Yaml) =>
        SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();

    static void Train(TemporaryStore temporary, ExperimentSpec spec, ScriptedTrialTrainer? trainer = null)
    {
        using var store = temporary.Open();
        new ExperimentRunner(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, trainer ?? new ScriptedTrialTrainer(), new SilentProgress())
            .Run(TrainingStages.Parse("all"), CancellationToken.None);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Parameter_intervals_are_shown_only_when_the_bootstrap_redraws_seeds(int seeds, bool shown)
    {
        using var temporary = new TemporaryStore();
        var spec = Spec(Yaml.Replace("seeds: 2", $"seeds: {seeds}"));
        Train(temporary, spec, new ScriptedTrialTrainer(t => ScriptedTrialTrainer.LossOf(t) * (1 + 0.003 * (t.Seed % 2 == 0 ? 1 : -1))));
        using var store = temporary.Open();

        var prediction = ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: 50, Seed: 1));
        var report = ExperimentReport.Build(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, prediction.Plan, prediction, null, null, new FitOptions());

        Assert.NotNull(prediction.Outcome.Bootstrap);
        Assert.Equal(shown, prediction.ParameterIntervalsWithheld is null);
        Assert.All(report.Fit!.Parameters, p => Assert.Equal(shown, p.Lower is not null && p.Upper is not null));
        if (shown) Assert.Empty(report.Fit.Notes);
        else Assert.Contains("one seed per width", Assert.Single(report.Fit.Notes));
    }

    [Fact]
    public void Ladder_from_the_store_predicts_a_verified_target_of_a_clean_power_law()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        Train(temporary, spec);
        using var store = temporary.Open();

        var prediction = ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: 200, Seed: 1));

        Assert.Equal(10, prediction.Rungs.Count);
        Assert.Equal(10, prediction.FitStep);
        var target = Assert.Single(prediction.Targets);
        Assert.Equal(ScriptedTrialTrainer.LossOf(target.Trial), target.Measured!.Value, 12);
        var predicted = prediction.Outcome.Predictions.Single();
        Assert.InRange(Math.Abs(predicted.RelativeError!.Value), 0, 0.01);
        Assert.True(predicted.HasInterval);
        Assert.NotNull(prediction.Outcome.Backtest);
        Assert.NotNull(prediction.Cost.SearchAndLadderFraction);
    }

    [Fact]
    public void Clean_power_law_ladder_raises_no_warning()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        Train(temporary, spec);
        using var store = temporary.Open();

        var prediction = ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: 200, Seed: 1));

        Assert.Empty(LadderWarnings.For(prediction));
    }

    [Fact]
    public void Staircase_ladder_is_called_out_with_what_to_change()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        // Width 64 and 96 sit on a plateau above width 48, as rungs that have not left it yet do.
        Train(temporary, spec, new ScriptedTrialTrainer(t => t.Width is 64 or 96 ? 3.2 : ScriptedTrialTrainer.LossOf(t)));
        using var store = temporary.Open();

        var warnings = LadderWarnings.For(ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: 200, Seed: 1)));

        Assert.Contains(warnings, w => w.Contains("not a power law") && w.Contains("width 64") && w.Contains("more steps"));
    }

    [Fact]
    public void Predict_before_the_ladder_is_trained_says_to_train()
    {
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();

        var error = Assert.Throws<UserError>(() => ExperimentPredictor.Predict(Spec(), store, new FitOptions()));

        Assert.Contains("dotnet nanolm train", error.Message);
    }

    [Fact]
    public void Fit_step_that_was_not_evaluated_is_named_in_the_error()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        Train(temporary, spec);
        using var store = temporary.Open();

        var error = Assert.Throws<UserError>(() => ExperimentPredictor.Predict(spec, store, new FitOptions(), fitStepOverride: 7));

        Assert.Contains("step 7", error.Message);
    }
}

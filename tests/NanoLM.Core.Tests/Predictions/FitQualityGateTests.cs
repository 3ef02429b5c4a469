using NanoLM.Fitting;
using NanoLM.Predictions;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Tests.Runs;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Predictions;

public class FitQualityGateTests
{
    const string Yaml = """
        name: gate
        model: { depth: 2, head_dim: 8, seq_len: 16, base_width: 32 }
        train: { batch: 2, steps: 10, warmup: 2, eval_interval: 5 }
        search:
          proxy_width: 32
          grid: { lr: [0.01, 0.03] }
        ladder: { widths: [32, 48, 64, 96, 128], seeds: 2 }
        targets:
          - width: 512
            verify: true
        predict: { law: power }
        """;

    static ExperimentPrediction Predict(Func<NanoLM.Plan.Trial, double>? loss = null, string yaml = Yaml, int bootstrap = 100, double? lossFloor = null)
    {
        var spec = SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 }).SpecOrThrow();
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();
        new ExperimentRunner(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, new ScriptedTrialTrainer(loss), new SilentProgress())
            .Run(TrainingStages.Parse("all"), CancellationToken.None);
        return ExperimentPredictor.Predict(spec, store, new FitOptions(Bootstrap: bootstrap, Seed: 1, LossFloor: lossFloor));
    }

    // Seeds move a rung by ±0.3 %, as on a real ladder, so the bootstrap has spread to measure.
    static double Noisy(NanoLM.Plan.Trial trial) => ScriptedTrialTrainer.LossOf(trial) * (1 + 0.003 * (trial.Seed % 2 == 0 ? 1 : -1));

    [Fact]
    public void Clean_synthetic_power_law_ladder_passes_the_gate_and_keeps_its_interval()
    {
        var prediction = Predict(Noisy);

        var gate = prediction.Gate!;
        Assert.True(gate.Passed, gate.Sentence);
        Assert.Equal(IntervalAction.Kept, gate.Action);
        Assert.Null(gate.Sentence);
        Assert.All(gate.Checks, c => Assert.True(c.Passed, c.Detail));
        Assert.Equal(["monotonic", "residuals", "backtest", "identified"], gate.Checks.Select(c => c.Name));
        // Kept, but with one run's seed noise added in quadrature, as a single training of the target would carry it.
        var raw = prediction.Outcome.Bootstrap!.Predictions.Single();
        var shown = prediction.Outcome.Predictions.Single();
        Assert.Equal(raw.Predicted, shown.Predicted);
        Assert.True(shown.Lower < raw.Lower && shown.Upper > raw.Upper);
        Assert.Equal(RunNoise.Estimate(prediction.Rungs), gate.RunNoise);
    }

    [Fact]
    public void A_target_predicted_clearly_below_the_widest_rung_has_a_resolved_gain_and_no_signal_sentence()
    {
        var prediction = Predict(Noisy);

        var gain = prediction.Gains.Single();
        Assert.Equal(128, gain.WidestWidth);
        Assert.Equal(ScriptedTrialTrainer.LossOf(prediction.Rungs[^1].Trial), gain.WidestLoss, 9);
        Assert.True(gain.Resolved, $"{gain}");
        Assert.Null(prediction.Gate!.Signal);
    }

    [Fact]
    public void A_gain_within_the_interval_says_first_that_the_ladder_cannot_tell_the_target_from_its_widest_rung_without_failing()
    {
        // Width buys a fiftieth of the clean ladder's gain: the target lands 0.35 % below width 128, seeds move runs ±0.3 %.
        var prediction = Predict(t => (2.0 + 0.02 * 8 / Math.Sqrt(t.Width)) * (1 + 0.003 * (t.Seed % 2 == 0 ? 1 : -1)));

        var gate = prediction.Gate!;
        Assert.True(gate.Passed, gate.Sentence);
        Assert.False(prediction.Gains.Single().Resolved);
        Assert.StartsWith("The ladder cannot tell the target from its widest rung: width 512 is predicted 0.35 % better than width 128", gate.Signal);
        Assert.Contains("more tokens", gate.Signal);
        Assert.Contains("narrower rungs", gate.Signal);
        Assert.Contains("seeds", gate.Signal);
        Assert.Equal(gate.Signal, LadderWarnings.For(prediction)[0]);
    }

    [Fact]
    public void E_held_up_by_the_corpus_oracle_loss_is_named_but_leaves_A_and_alpha_to_identify()
    {
        // The ladder's E is 2.0; a floor of 2.5 stops the fit there. The floor is a fact about the corpus, not an arbitrary
        // box, so E on it is no failure; A and α, still free, must be pinned by the ladder.
        var prediction = Predict(Noisy, Yaml.Replace("predict: { law: power }", "predict: { law: power, loss_floor: oracle }"), lossFloor: 2.5);

        Assert.Equal(2.5, prediction.Outcome.Fit.Parameter("E"), 6);
        var identified = Assert.Single(prediction.Gate!.Checks, c => c.Name == "identified");
        Assert.True(identified.Passed, identified.Detail);
        Assert.Equal("no parameter at a bound; E = 2.5000 on the corpus's oracle loss", identified.Detail);
        Assert.Contains(prediction.Gate.Notes, n => n.StartsWith("E = 2.5000 on the corpus's oracle loss: the ladder alone would put"));
    }

    [Fact]
    public void E_on_the_floor_with_another_parameter_at_a_bound_still_fails_identification()
    {
        // Every width at one loss above the floor: the law has no size term, whatever holds E.
        var prediction = Predict(t => 3.0 * (1 + 0.003 * (t.Seed % 2 == 0 ? 1 : -1)),
            Yaml.Replace("predict: { law: power }", "predict: { law: power, loss_floor: oracle }"), bootstrap: 20, lossFloor: 2.5);

        var identified = Assert.Single(prediction.Gate!.Checks, c => c.Name == "identified");
        Assert.False(identified.Passed);
    }

    [Theory]
    // One seed per width: a rung 2 % above the others' law is what an assumed 1 % run noise does (up to 1.96 %), not what 0.5 % does.
    [InlineData(0.01, true, "limit ±1.96 %, what one run's ±1.00 % seed noise does")]
    [InlineData(0.005, false, "limit ±1.0 %")]
    public void A_residual_seed_noise_explains_passes_and_one_beyond_it_fails(double assumedNoise, bool passes, string limit)
    {
        var prediction = Predict(t => t.Width == 64 ? 1.02 * ScriptedTrialTrainer.LossOf(t) : ScriptedTrialTrainer.LossOf(t),
            Yaml.Replace("seeds: 2", "seeds: 1").Replace("predict: { law: power }", $"predict: {{ law: power, assumed_run_noise: {assumedNoise} }}"));

        var residuals = Assert.Single(prediction.Gate!.Checks, c => c.Name == "residuals");
        Assert.Equal(passes, residuals.Passed);
        Assert.Contains("at width 64", residuals.Detail);
        Assert.Contains(limit, residuals.Detail);
    }

    [Fact]
    public void A_loss_floor_of_none_leaves_E_free_even_when_the_oracle_is_known()
    {
        var prediction = Predict(Noisy, Yaml.Replace("predict: { law: power }", "predict: { law: power, loss_floor: none }"), lossFloor: 2.5);

        Assert.InRange(prediction.Outcome.Fit.Parameter("E"), 1.9, 2.1);
        Assert.True(Assert.Single(prediction.Gate!.Checks, c => c.Name == "identified").Passed);
    }

    [Fact]
    public void Run_noise_is_the_pooled_spread_between_seeds_and_widens_each_side_in_quadrature()
    {
        var prediction = Predict(Noisy);

        // Each width's two seeds sit at ±0.3 % of its loss: one run's standard deviation is 0.3 % · √2 with 5 degrees of freedom.
        var noise = RunNoise.Estimate(prediction.Rungs)!;
        Assert.Equal(5, noise.DegreesOfFreedom);
        Assert.Equal(0.003 * Math.Sqrt(2), noise.Relative, 4);

        var raw = prediction.Outcome.Bootstrap!.Predictions.Single();
        var shown = prediction.Outcome.Predictions.Single();
        double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 5, 0.975);
        double half = noise.Relative * t * raw.Predicted;
        Assert.Equal(Math.Sqrt(Math.Pow(raw.Upper - raw.Predicted, 2) + half * half), shown.Upper - shown.Predicted, 10);
        Assert.Equal(Math.Sqrt(Math.Pow(raw.Predicted - raw.Lower, 2) + half * half), shown.Predicted - shown.Lower, 10);
    }


    [Fact]
    public void Staircase_ladder_trips_the_gate_says_why_in_one_sentence_and_withholds_the_interval()
    {
        // Widths 64 and 96 sit on a plateau above width 48, as rungs that have not left it yet do.
        var prediction = Predict(t => t.Width is 64 or 96 ? 3.2 : Noisy(t), bootstrap: 20);

        var gate = prediction.Gate!;
        Assert.False(gate.Passed);
        Assert.Equal(IntervalAction.Withheld, gate.Action);
        Assert.StartsWith("The ladder is not a power law: width 64", gate.Sentence);
        Assert.Contains("more steps", gate.Sentence);
        Assert.Contains("seeds", gate.Sentence);
        Assert.Single(gate.Sentence!.Split(". ", StringSplitOptions.RemoveEmptyEntries));
        Assert.False(prediction.Outcome.Predictions.Single().HasInterval);
        Assert.Contains(LadderWarnings.For(prediction), w => w.Contains("not a power law") && w.Contains("width 64"));
    }

    [Theory]
    [InlineData(1.01, IntervalAction.Widened, "by 1.00 %, which seed noise can do (up to 2.77 %)")]
    [InlineData(1.05, IntervalAction.Withheld, "by 5.00 %, more than seed noise does (up to 2.77 %)")]
    public void An_inversion_seed_noise_explains_widens_the_interval_and_a_larger_one_withholds_it(double over64, IntervalAction action, string says)
    {
        // One seed per width carries the assumed ±1 % run noise: two runs differ by up to 1.96 · 1 % · √2 = 2.8 % by chance.
        // Width 96 gets width 64's loss (LossOf falls as 8/√width), times the factor.
        var prediction = Predict(
            t => t.Width == 96 ? over64 * (ScriptedTrialTrainer.LossOf(t) - 8 / Math.Sqrt(96) + 8 / Math.Sqrt(64)) : ScriptedTrialTrainer.LossOf(t),
            Yaml.Replace("seeds: 2", "seeds: 1"));

        var gate = prediction.Gate!;
        var monotonic = Assert.Single(gate.Checks, c => c.Name == "monotonic");
        Assert.False(monotonic.Passed);
        Assert.Contains("width 96", monotonic.Detail);
        Assert.Contains(says, monotonic.Detail);
        Assert.Equal(action, gate.Action);
        Assert.Equal(action == IntervalAction.Widened, prediction.Outcome.Predictions.Single().HasInterval);
        // A larger inversion is the sentence; one seed noise explains yields to any other failure (here the residual it leaves).
        if (action == IntervalAction.Withheld) Assert.StartsWith("The ladder is not a power law: width 96", gate.Sentence);
        else Assert.StartsWith("The ladder is not a power law: the fit misses", gate.Sentence);
    }

    [Fact]
    public void A_ladder_that_gains_nothing_from_width_withholds_the_interval_and_says_so_first()
    {
        // Every width at the same loss, seeds ±0.3 % apart: the law loses its size term, as on a few kilobytes of text.
        var prediction = Predict(t => 3.0 * (1 + 0.003 * (t.Seed % 2 == 0 ? 1 : -1)), bootstrap: 20);

        var gate = prediction.Gate!;
        Assert.Equal(IntervalAction.Withheld, gate.Action);
        Assert.Contains("the same loss at every width", Assert.Single(gate.Checks, c => c.Name == "identified").Detail);
        Assert.StartsWith("The ladder shows no gain from width", gate.Sentence);
        Assert.False(prediction.Outcome.Predictions.Single().HasInterval);
    }

    [Fact]
    public void Monotone_ladder_that_misses_the_law_by_more_than_a_percent_gets_a_wider_interval()
    {
        // Width 64 lies 2.5 % above the law, still below width 48: residuals trip the gate, monotonicity does not.
        var prediction = Predict(t => t.Width == 64 ? 1.025 * Noisy(t) : Noisy(t));

        var gate = prediction.Gate!;
        Assert.False(gate.Passed);
        Assert.Contains(gate.Checks, c => c.Name == "monotonic" && c.Passed);
        Assert.Contains(gate.Checks, c => c.Name == "residuals" && !c.Passed);
        Assert.Equal(IntervalAction.Widened, gate.Action);
        var raw = prediction.Outcome.Bootstrap!.Predictions.Single();
        var widened = prediction.Outcome.Predictions.Single();
        Assert.True(widened.Lower <= raw.Lower && widened.Upper >= raw.Upper);
        Assert.True(widened.Upper - widened.Lower > raw.Upper - raw.Lower);
        Assert.True((widened.Upper - widened.Predicted) / widened.Predicted >= gate.MaxResidual);
    }

    [Fact]
    public void An_exponent_no_language_model_has_shown_fails_identification_and_widens_the_interval()
    {
        // Loss falling as width^-6, about N^-3: a clean law, but steeper than any published fit, as noise bent into a law looks.
        var prediction = Predict(t => 2.0 + 1e8 * Math.Pow(t.Width, -6));

        var gate = prediction.Gate!;
        Assert.True(prediction.Outcome.Fit.Parameters[2] > FitQualityGate.PlausibleExponent);
        var identified = Assert.Single(gate.Checks, c => c.Name == "identified");
        Assert.False(identified.Passed);
        Assert.Contains("alpha = ", identified.Detail);
        Assert.Contains("published language-model exponents", identified.Detail);
        Assert.Equal(IntervalAction.Widened, gate.Action);
    }

    [Fact]
    public void A_whole_curve_fit_with_fewer_checkpoints_than_parameters_says_how_to_get_more()
    {
        // One evaluation per run and one seed: five points for the five parameters of the chinchilla law.
        var error = Assert.Throws<UserError>(() => Predict(yaml: Yaml.Replace("seeds: 2", "seeds: 1").Replace("law: power", "law: chinchilla")));

        Assert.Contains("5 validation checkpoints", error.Message);
        Assert.Contains("train.eval_interval", error.Message);
        Assert.Contains("predict.law: power", error.Message);
    }

    [Fact]
    public void One_seed_per_width_gives_intervals_the_assumed_run_noise_and_says_so()
    {
        // A clean one-seed ladder: the bootstrap's interval is tight, as on seed 1's power law (±0.2 %, 1.2 % off).
        var prediction = Predict(yaml: Yaml.Replace("seeds: 2", "seeds: 1"));

        var gate = prediction.Gate!;
        Assert.Null(RunNoise.Estimate(prediction.Rungs));
        Assert.Equal(new RunNoise(PredictDefaults.AssumedRunNoise, null), gate.RunNoise);
        Assert.True(gate.RunNoise!.Assumed);
        Assert.Contains(gate.Notes, n => n.Contains("assume one run's seed noise is ±1.0 %") && n.Contains("predict.assumed_run_noise"));

        // The bootstrap keeps every width, and with one run each it has nothing to resample: the interval is the noise.
        Assert.True(prediction.ResampledWithinSizes);
        var raw = prediction.Outcome.Bootstrap!.Predictions.Single();
        Assert.Equal(raw.Predicted, raw.Upper, 9);
        Assert.Equal(raw.Predicted, raw.Lower, 9);
        // Known, not estimated: z, not t. Carried twice: by the target's own training, and by the five rungs through the
        // fit, which reach width 512 as many times over as a straight line's standard error there.
        var shown = prediction.Outcome.Predictions.Single();
        var rungs = prediction.Rungs.Select(r => ((double)r.Trial.NonEmbeddingParameters, 1)).ToList();
        double leverage = ExtrapolationLeverage.Factor(rungs, raw.Target.Point.Params);
        Assert.InRange(leverage, 1, 3);
        double half = PredictDefaults.AssumedRunNoise * Math.Sqrt(1 + leverage * leverage) * 1.959964 * raw.Predicted;
        Assert.Equal(half, shown.Upper - shown.Predicted, 6);
        Assert.Equal(half, shown.Predicted - shown.Lower, 6);
        // The expected loss (the mean over trainings) carries only the rungs' noise through the fit, not the target's own.
        var expected = prediction.Expected.Single();
        double carried = PredictDefaults.AssumedRunNoise * leverage * 1.959964 * raw.Predicted;
        Assert.Equal(raw.Predicted, expected.Predicted);
        Assert.Equal(carried, expected.Upper - expected.Predicted, 6);
        Assert.Equal(carried, expected.Predicted - expected.Lower, 6);
        Assert.Contains(gate.Notes, n => n.Contains("carried through the fit"));
        // The backtest is held to what that noise allows at the held-out width, from its own run and the other four's.
        var others = prediction.Rungs.SkipLast(1).Select(r => ((double)r.Trial.NonEmbeddingParameters, 1)).ToList();
        double reach = PredictDefaults.AssumedRunNoise * Math.Sqrt(1 + Math.Pow(ExtrapolationLeverage.Factor(others, prediction.Rungs[^1].Trial.NonEmbeddingParameters), 2)) * 1.959964;
        Assert.Contains($"allowed {reach:P2} (the ±{reach:P2} that one run's assumed ±1.0 % seed noise reaches at width", gate.Checks.Single(c => c.Name == "backtest").Detail);
    }

    [Fact]
    public void Predict_level_sets_the_intervals_level_and_the_seed_noise_they_carry()
    {
        string oneSeed = Yaml.Replace("seeds: 2", "seeds: 1");
        var at95 = Predict(yaml: oneSeed).Outcome;
        var at90 = Predict(yaml: oneSeed.Replace("predict: { law: power }", "predict: { law: power, level: 0.9 }")).Outcome;

        Assert.Equal(0.95, at95.Bootstrap!.Level);
        Assert.Equal(0.9, at90.Bootstrap!.Level);
        // The same fit, and an interval from the same assumed noise at z = 1.645 instead of 1.960.
        var (wide, narrow) = (at95.Predictions.Single(), at90.Predictions.Single());
        Assert.Equal(wide.Predicted, narrow.Predicted, 12);
        Assert.Equal(1.644854 / 1.959964, (narrow.Upper - narrow.Predicted) / (wide.Upper - wide.Predicted), 5);
    }

    [Fact]
    public void A_measured_noise_gives_narrower_intervals_at_a_lower_level()
    {
        string yaml = Yaml.Replace("predict: { law: power }", "predict: { law: power, assumed_run_noise: 0.2 }");
        var wide = Predict(Noisy, yaml).Outcome.Predictions.Single();
        var narrow = Predict(Noisy, yaml.Replace("assumed_run_noise: 0.2", "assumed_run_noise: 0.2, level: 0.8")).Outcome.Predictions.Single();

        Assert.True(narrow.Upper - narrow.Lower < wide.Upper - wide.Lower, $"80 %: [{narrow.Lower}, {narrow.Upper}], 95 %: [{wide.Lower}, {wide.Upper}]");
        Assert.InRange(wide.Lower, double.NegativeInfinity, narrow.Lower);
        Assert.InRange(wide.Upper, narrow.Upper, double.PositiveInfinity);
    }

    [Fact]
    public void A_measured_noise_leaves_the_expected_loss_its_bootstrap_interval_and_gives_one_training_its_own_noise_on_top()
    {
        var prediction = Predict(Noisy);

        Assert.False(prediction.Gate!.RunNoise!.Assumed);
        Assert.Equal(IntervalAction.Kept, prediction.Gate.Action);
        // The bootstrap resamples whole runs, seeds included, so it already carries the ladder's noise to the mean curve.
        Assert.Equal(prediction.Outcome.Bootstrap!.Predictions.Single(), prediction.Expected.Single());
        var (mean, one) = (prediction.Expected.Single(), prediction.Outcome.Predictions.Single());
        Assert.True(one.Lower < mean.Lower && mean.Upper < one.Upper, $"one training [{one.Lower}, {one.Upper}], expected loss [{mean.Lower}, {mean.Upper}]");
    }

    [Fact]
    public void An_assumed_run_noise_of_zero_leaves_one_seed_intervals_to_the_bootstrap_and_says_they_ignore_seed_noise()
    {
        var prediction = Predict(yaml: Yaml.Replace("seeds: 2", "seeds: 1").Replace("predict: { law: power }", "predict: { law: power, assumed_run_noise: 0 }"));

        var gate = prediction.Gate!;
        Assert.Null(gate.RunNoise);
        Assert.Contains(gate.Notes, n => n.Contains("ignore seed noise"));
        Assert.Equal(prediction.Outcome.Bootstrap!.Predictions.Single(), prediction.Outcome.Predictions.Single());
    }

    [Fact]
    public void A_measured_run_noise_replaces_the_assumed_one()
    {
        var prediction = Predict(Noisy, Yaml.Replace("predict: { law: power }", "predict: { law: power, assumed_run_noise: 0.2 }"));

        Assert.False(prediction.Gate!.RunNoise!.Assumed);
        Assert.Equal(0.003 * Math.Sqrt(2), prediction.Gate.RunNoise.Relative, 4);
        Assert.DoesNotContain(prediction.Gate.Notes, n => n.Contains("one seed per width"));
    }

    [Fact]
    public void Three_widths_cannot_be_backtested_so_no_interval_is_given()
    {
        var prediction = Predict(Noisy, Yaml.Replace("widths: [32, 48, 64, 96, 128]", "widths: [32, 64, 128]"));

        var gate = prediction.Gate!;
        Assert.False(gate.Passed);
        Assert.Equal(IntervalAction.Withheld, gate.Action);
        Assert.StartsWith("Nothing checks this fit", gate.Sentence);
        Assert.Null(prediction.Outcome.Backtest);
    }

    [Fact]
    public void Each_failed_check_carries_its_rank_and_effect_and_the_verdict_takes_the_first_sentence_and_the_strictest_effect()
    {
        // An inversion within seed noise (it widens) and the residual it leaves (it widens too, and ranks first).
        var noisy = Predict(
            t => t.Width == 96 ? 1.01 * (ScriptedTrialTrainer.LossOf(t) - 8 / Math.Sqrt(96) + 8 / Math.Sqrt(64)) : ScriptedTrialTrainer.LossOf(t),
            Yaml.Replace("seeds: 2", "seeds: 1")).Gate!;
        var failures = noisy.Checks.Select(c => c.Failure).OfType<GateFailure>().ToList();
        Assert.Contains(failures, f => f.Kind == GateFailureKind.NoisyInversion && f.Action == IntervalAction.Widened);
        Assert.Contains(failures, f => f.Kind == GateFailureKind.Residuals && f.Action == IntervalAction.Widened);
        Assert.Equal(failures.MinBy(f => f.Kind)!.Sentence, noisy.Sentence);
        Assert.Equal(GateFailureKind.Residuals, failures.MinBy(f => f.Kind)!.Kind);

        // A staircase: the inversion is beyond noise, withholds, and outranks the residuals.
        var staircase = Predict(t => t.Width is 64 or 96 ? 3.2 : Noisy(t), bootstrap: 20).Gate!;
        var inversion = Assert.Single(staircase.Checks, c => c.Kind == GateCheckKind.Monotonic).Failure!;
        Assert.Equal((GateFailureKind.Inversion, IntervalAction.Withheld), (inversion.Kind, inversion.Action));
        Assert.Equal(inversion.Sentence, staircase.Sentence);
        Assert.All(staircase.Checks, c => Assert.Equal(c.Failure is null, c.Passed));
    }

    [Theory]
    [InlineData(new GateFailureKind[0], new IntervalAction[0], IntervalAction.Kept)]
    [InlineData(new[] { GateFailureKind.Residuals, GateFailureKind.Unidentified }, new[] { IntervalAction.Widened, IntervalAction.Widened }, IntervalAction.Widened)]
    [InlineData(new[] { GateFailureKind.Residuals, GateFailureKind.Backtest }, new[] { IntervalAction.Widened, IntervalAction.Withheld }, IntervalAction.Withheld)]
    public void The_interval_policy_withholds_when_any_failure_withholds_and_widens_otherwise(GateFailureKind[] kinds, IntervalAction[] actions, IntervalAction expected)
    {
        var failures = kinds.Zip(actions, (kind, action) => new GateFailure(kind, action, kind.ToString())).ToList();
        Assert.Equal(expected, IntervalPolicy.Action(failures));
    }
}

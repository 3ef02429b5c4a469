using NanoLM.Compare;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Tests.Predictions;
using NanoLM.Tests.Runs;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Compare;

/// <summary>`compare` reads both ladders as `predict` does, so it fits either recipe: here whole curves recorded without torch.</summary>
public sealed class CompareWholeCurveTests : IDisposable
{
    readonly List<IDisposable> _stores = [];

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    // B is design A with every loss 3 % higher.
    static double LossOfB(NanoLM.Plan.Trial trial, int step) => 1.03 * CurveTrialTrainer.Chinchilla(trial, step);

    // The whole-curve prediction tests' experiment (chinchilla, five widths, two seeds, 400 steps), named per design.
    ComparedLadder Trained(string name, Func<NanoLM.Plan.Trial, int, double> loss, ScalingLaw? law = null)
    {
        var spec = WholeCurvePredictionTests.Spec() with { Name = name };
        var temporary = new TemporaryStore();
        var store = temporary.Open();
        _stores.Add(temporary);
        _stores.Add(store);
        string specPath = Path.Combine(temporary.Directory, "nanolm.yaml");
        new ExperimentRunner(spec, specPath, store, new CurveTrialTrainer(loss), new SilentProgress()).Run(TrainingStages.Parse("all"), CancellationToken.None);
        return ComparedLadder.Read(spec, specPath, store, law: law);
    }

    [Fact]
    public void Whole_curve_ladders_are_fitted_over_their_checkpoints_and_ranked()
    {
        var a = Trained("a", CurveTrialTrainer.Chinchilla);
        var b = Trained("b", LossOfB);

        var comparison = DesignComparer.Compare(a, b, [.. a.TargetParams.Select(n => (double)n)], new CompareOptions(Bootstrap: 40));

        Assert.Equal(ScalingLaw.Chinchilla, a.Law);
        Assert.Equal(400, a.FitStep);
        Assert.All(a.Rungs, r => Assert.True(r.Samples.Count > 1, "a rung brings its checkpoints from the burn-in on"));
        Assert.Equal(["E", "A", "B", "alpha", "beta"], comparison.A.Fit.Law.ParameterNames);
        // The truth at the target's size and the ladder's last step, without the ±0.2 % seed offsets.
        double n = a.TargetParams.Single(), tokens = 400 * 4 * 16;
        double truth = 1.2 + 40 * Math.Pow(n, -0.35) + 30 * Math.Pow(tokens, -0.3);
        var target = comparison.Targets.Single();
        Assert.Equal(truth, target.A.Predicted, truth * 0.005);
        Assert.Equal(1.03 * truth, target.B.Predicted, truth * 0.005);
        Assert.Equal(1.0, target.ProbabilityABeatsB);
        Assert.Equal(40, comparison.Resamples - comparison.FailedResamples);
    }

    [Fact]
    public void The_power_recipe_reads_one_loss_per_run_from_the_same_store()
    {
        var a = Trained("a", CurveTrialTrainer.Chinchilla, ScalingLaw.Power);

        Assert.Equal(ScalingLaw.Power, a.Law);
        Assert.All(a.Rungs, r => Assert.Single(r.Samples));
        Assert.Null(a.End);
    }

    [Fact]
    public void Ladders_fitted_with_different_laws_are_not_compared()
    {
        var a = Trained("a", CurveTrialTrainer.Chinchilla);
        var b = Trained("b", LossOfB, ScalingLaw.Power);

        var error = Assert.Throws<UserError>(() => DesignComparer.Compare(a, b, [1e6], new CompareOptions(Bootstrap: 0)));

        Assert.Contains("fits the chinchilla law", error.Message);
        Assert.Contains("--law", error.Message);
    }
}

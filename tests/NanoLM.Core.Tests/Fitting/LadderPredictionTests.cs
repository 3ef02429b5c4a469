using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;
using NanoLM.Spec;

namespace NanoLM.Tests.Fitting;

public class LadderPredictionTests
{
    [Fact]
    public void Prediction_api_fits_a_ladder_and_predicts_a_larger_target_with_interval_and_backtest()
    {
        double[] truth = [1.9, 35, 0.3];
        var law = ScalingLaws.Create(ScalingLaw.Power);
        var random = new Random(11);
        var ladder = new[] { 1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7 }
            .SelectMany(n => new[] { 1, 2 }.Select(seed =>
                new LadderPoint($"width {n:G3} seed {seed}", n, law.Value(truth, LawPoint.Ladder(n), default) * (1 + 2e-3 * Synthetic.Gaussian(random)))))
            .ToList();
        double targetLoss = law.Value(truth, LawPoint.Ladder(3e8), default);

        var outcome = LadderPrediction.Predict(ladder, [new LadderTarget(3e8, Loss: targetLoss, Name: "target")], ScalingLaw.Power,
            options: new FitOptions(Bootstrap: 200, Seed: 1));

        var prediction = Assert.Single(outcome.Predictions);
        Assert.Equal(FitterNames.LevenbergMarquardt, outcome.Fit.Fitter);
        Assert.InRange(Math.Abs(prediction.RelativeError!.Value), 0, 0.01);
        Assert.True(prediction.Lower < prediction.Predicted && prediction.Predicted < prediction.Upper);
        Assert.NotNull(outcome.Backtest);
        Assert.Equal(12, outcome.Fit.Points);
    }

    [Fact]
    public void Prediction_api_refuses_a_chinchilla_ladder_without_tokens()
    {
        var ladder = new[] { 1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7 }.Select(n => new LadderPoint($"{n}", n, 3.0));

        var error = Assert.Throws<UserError>(() => LadderPrediction.Predict(ladder, [], ScalingLaw.Chinchilla));

        Assert.Contains("needs tokens", error.Message);
    }

    [Fact]
    public void Unknown_law_or_fitter_is_a_user_error()
    {
        Assert.Throws<UserError>(() => ScalingLaws.Parse("kaplan"));
        Assert.Throws<UserError>(() => Fitters.Create("adam"));
    }
}

using NanoLM.Spec;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Tests.Fitting;

/// <summary>E bounded below by a loss no model can beat (the built-in corpus's oracle), for both fitters and the backtest.</summary>
public class LossFloorTests
{
    // L = 0.2 + 5·N^-0.3: a ladder whose free fit puts E near 0.2, below a floor of 1.0 set above it.
    static readonly double[] PowerTruth = [0.2, 5, 0.3];
    static List<FitSample> PowerLadder() =>
        Synthetic.Samples(new PowerLaw(ScalingAxis.Params), PowerTruth, Synthetic.Ladder(2.5e4, 5.5e4, 1e5, 2.2e5, 4e5), noise: 0.001, seed: 3);

    [Fact]
    public void Without_a_floor_the_law_is_the_one_asked_for()
    {
        var law = new PowerLaw(ScalingAxis.Params);

        Assert.Same(law, FlooredLaw.Apply(law, null));
        Assert.Equal(law.LowerBounds, FlooredLaw.Apply(law, 0).LowerBounds);
    }

    [Fact]
    public void Levenberg_Marquardt_keeps_E_on_the_floor_when_the_ladder_wants_it_lower()
    {
        var free = ScalingFit.Run(new PowerLaw(ScalingAxis.Params), PowerLadder(), [], new FitOptions());
        var floored = ScalingFit.Run(new PowerLaw(ScalingAxis.Params), PowerLadder(), [], new FitOptions(LossFloor: 1.0));

        Assert.True(free.Fit.Parameter("E") < 0.9, $"free E {free.Fit.Parameter("E")}");
        Assert.Equal(1.0, floored.Fit.Parameter("E"), 6);
        Assert.True(floored.Backtest!.Fit.Parameter("E") >= 1.0);
    }

    [Fact]
    public void Levenberg_Marquardt_converges_onto_the_floor_in_most_starts()
    {
        // The quickstart's rungs with two seeds (bench/regime/results.csv, base32) on the corpus's oracle loss: held on the
        // floor, E leaves the step's system, so the starts settle on one A and α instead of crawling along the bound until
        // the iteration limit (15 of 120 starts, not converged, before).
        (double Params, double Loss)[] rungs =
        [
            (6304, 1.1986565440893173), (6304, 1.2238557487726212), (14064, 1.1513050496578217), (14064, 1.1466842293739319),
            (24896, 1.0914123803377151), (24896, 1.1043279469013214), (55776, 1.0375168547034264), (55776, 1.0425681918859482),
            (98944, 1.0010371506214142), (98944, 0.9976901784539223),
        ];
        var samples = rungs.Select((r, i) => new FitSample(LawPoint.Ladder(r.Params), r.Loss, $"run {i}")).ToList();

        var floored = ScalingFit.Run(new PowerLaw(ScalingAxis.Params), samples, [], new FitOptions(LossFloor: 0.6613314417913306));

        Assert.True(floored.Fit.Converged);
        Assert.True(floored.Fit.StartsInBestBasin > floored.Fit.Starts / 2, $"{floored.Fit.StartsInBestBasin} of {floored.Fit.Starts} starts");
    }

    [Fact]
    public void The_whole_curve_fit_and_its_backtest_keep_E_above_the_floor()
    {
        var law = new ChinchillaLaw();
        double[] truth = [1.0, 30, 40, 0.35, 0.35];
        var curves = new[] { 2.5e4, 5.5e4, 1e5, 2.2e5, 4e5 }.Select(n => new LadderCurve($"N {n}", n,
            [.. Enumerable.Range(1, 12).Select(i => new CurveCheckpoint(i * 100, i * 100 * 1024.0, law.Value(truth, LawPoint.Ladder(n, i * 100 * 1024.0), default)))])).ToList();

        var outcome = WholeCurveFit.Run(curves, [new CurveTarget(4e6, 1200, 1200 * 1024.0)], ScalingLaw.Chinchilla, burnIn: 100, new FitOptions(LossFloor: 1.3));

        Assert.True(outcome.Fit.Parameter("E") >= 1.3, $"E {outcome.Fit.Parameter("E")}");
        Assert.True(outcome.Backtest!.Fit.Parameter("E") >= 1.3, $"backtest E {outcome.Backtest.Fit.Parameter("E")}");
        Assert.InRange(outcome.Fit.Parameter("E"), 1.3, 1.3 * 1.000001);
    }
}

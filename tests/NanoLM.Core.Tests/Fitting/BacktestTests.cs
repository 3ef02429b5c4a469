using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class BacktestTests
{
    static readonly PowerLaw Law = new(ScalingAxis.Params);

    [Fact]
    public void Leave_largest_out_fits_the_smallest_sizes_and_predicts_the_rest()
    {
        var samples = Synthetic.Samples(Law, [1.9, 35, 0.3], Synthetic.Ladder(1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7, 6.4e7, 1.28e8), noise: 0, seed: 1);

        var backtest = Backtest.LeaveLargestOut(Law, new LevenbergMarquardtFitter(), samples, keepSizes: 5)!;

        Assert.Equal(5, backtest.FittedPoints);
        Assert.Equal(1.6e7, backtest.SizeLimit);
        Assert.Equal([3.2e7, 6.4e7, 1.28e8], backtest.HeldOut.Select(p => p.Target.Point.Params));
        Assert.True(backtest.MaxAbsoluteRelativeError < 1e-8);
    }

    [Fact]
    public void Default_backtest_holds_out_the_largest_quarter_of_sizes()
    {
        var samples = Synthetic.Samples(Law, [1.9, 35, 0.3], Synthetic.Ladder(1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7, 6.4e7, 1.28e8), noise: 1e-3, seed: 2);

        var backtest = Backtest.LeaveLargestOut(Law, new LevenbergMarquardtFitter(), samples)!;

        Assert.Equal(6, backtest.FittedPoints);
        Assert.Equal(2, backtest.HeldOut.Count);
    }

    [Fact]
    public void Backtest_sweep_returns_one_row_per_fittable_split()
    {
        var samples = Synthetic.Samples(Law, [1.9, 35, 0.3], Synthetic.Ladder(1e6, 2e6, 4e6, 8e6, 1.6e7, 3.2e7), noise: 1e-3, seed: 3);

        var sweep = Backtest.Sweep(Law, new LevenbergMarquardtFitter(), samples);

        Assert.Equal([3, 4, 5], sweep.Select(b => b.FittedPoints));
    }

    [Fact]
    public void Backtest_returns_null_when_too_few_sizes_remain()
    {
        var samples = Synthetic.Samples(Law, [1.9, 35, 0.3], Synthetic.Ladder(1e6, 2e6, 4e6), noise: 0, seed: 4);

        Assert.Null(Backtest.LeaveLargestOut(Law, new LevenbergMarquardtFitter(), samples));
    }
}

using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

namespace NanoLM.Tests.Fitting;

public class EpochChinchillaGoldenTests
{
    static readonly Lazy<FitResult> GoldenFit = new(() => new HuberLbfgsFitter().Fit(new ChinchillaLaw(), PublishedTables.EpochChinchilla()));

    [Fact]
    public void Fit_recovers_Epoch_Chinchilla_parameters()
    {
        Assert.Equal(240, PublishedTables.EpochChinchilla().Count);

        var fit = GoldenFit.Value;

        Assert.Equal(4500, fit.Starts);
        Assert.True(fit.Objective <= 1.01828e-3, $"objective {fit.Objective:E6}");
        Assert.Equal(1.817, fit.Parameter("E"), 0.005);
        Assert.Equal(0.348, fit.Parameter("alpha"), 0.005);
        Assert.Equal(0.366, fit.Parameter("beta"), 0.01);
        Assert.True(fit.StartsInBestBasin > 100, $"{fit.StartsInBestBasin} starts in the best basin");
    }

    [Fact]
    public void Bootstrap_standard_errors_are_close_to_Epochs()
    {
        var bootstrap = Bootstrap.Run(new HuberLbfgsFitter(), GoldenFit.Value, PublishedTables.EpochChinchilla(), resamples: 300, seed: 1);

        // Epoch (4 000 resamples): E 0.026, α 0.015, β 0.021; 300 resamples estimate a standard error to about ±10 %.
        Assert.InRange(bootstrap.StandardErrors[0], 0.026 * 0.7, 0.026 * 1.3);
        Assert.InRange(bootstrap.StandardErrors[3], 0.015 * 0.7, 0.015 * 1.3);
        Assert.InRange(bootstrap.StandardErrors[4], 0.021 * 0.7, 0.021 * 1.3);
    }

    [Fact]
    public void Chinchilla_fit_is_the_same_whatever_the_thread_schedule()
    {
        // Every 10th start of Hoffmann's grid: enough parallel work to interleave threads, cheap enough to run twice.
        var law = new ChinchillaLaw();
        var samples = PublishedTables.EpochChinchilla();
        var starts = law.StartGrid(samples).Where((_, i) => i % 10 == 0).Select(q =>
        {
            var natural = new double[q.Length];
            law.ToNatural(q, natural);
            return natural;
        }).ToList();
        var first = new HuberLbfgsFitter().Fit(law, samples, starts);
        var second = new HuberLbfgsFitter().Fit(law, samples, starts);

        Assert.Equal(450, first.Starts);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.Objective, second.Objective);
        Assert.Equal(first.StartsInBestBasin, second.StartsInBestBasin);
    }
}

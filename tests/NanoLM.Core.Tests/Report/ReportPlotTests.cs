using NanoLM.Report;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace NanoLM.Tests.Report;

public sealed class ReportPlotTests
{
    [Fact]
    public void Search_plot_puts_learning_rate_on_a_log_axis_with_one_line_per_width()
    {
        var model = SearchPlot.Build(ReportFixtures.Search(driftingOptimum: false), "nats/token");

        Assert.IsType<LogarithmicAxis>(Axis(model, AxisPosition.Bottom));
        Assert.IsType<LinearAxis>(Axis(model, AxisPosition.Left));
        Assert.Equal(3, model.Series.OfType<LineSeries>().Count());
        Assert.Equal(3, model.Series.OfType<ScatterSeries>().Single(s => s.Title == "chosen").Points.Count);
    }

    [Fact]
    public void Search_plot_labels_every_loss_tick_differently_when_the_losses_differ_in_the_third_decimal()
    {
        // The quickstart's search: three LRs within 0.01 of each other, which two decimals label 1.23, 1.23, 1.22.
        LearningRatePoint[] points = [new(0.01, 1.2303), new(0.02, 1.2205), new(0.04, 1.2217)];
        var model = SearchPlot.Build(new SearchResults([new LearningRateSweep(32, points, points[1])]), "nats/byte");
        SvgRendering.ToSvg(model, "search");

        var axis = (LinearAxis)Axis(model, AxisPosition.Left);
        var ticks = Enumerable.Range(0, 100).Select(k => Math.Ceiling(axis.ActualMinimum / axis.ActualMajorStep) * axis.ActualMajorStep + k * axis.ActualMajorStep)
            .TakeWhile(v => v <= axis.ActualMaximum).ToList();
        var labels = ticks.Select(axis.LabelFormatter).ToList();
        Assert.True(ticks.Count >= 3, $"{ticks.Count} ticks");
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Theory]
    [InlineData(1.222, 0.002, "1.222")]
    [InlineData(1.2225, 0.0025, "1.2225")]
    [InlineData(1.2, 0.1, "1.2")]
    [InlineData(1.25, 0.05, "1.25")]
    public void Tick_labels_carry_the_decimals_their_step_needs(double value, double step, string label)
    {
        Assert.Equal(label, ReportPlotStyle.TickLabel(value, step));
    }

    [Fact]
    public void Fit_plot_keeps_its_legend_below_the_plot_area_away_from_the_targets()
    {
        var model = ScalingFitPlot.Build(ReportFixtures.Full().Fit!, "nats/token");

        var legend = Assert.Single(model.Legends);
        Assert.Equal(OxyPlot.Legends.LegendPlacement.Outside, legend.LegendPlacement);
        Assert.Equal(OxyPlot.Legends.LegendPosition.BottomCenter, legend.LegendPosition);
    }

    [Fact]
    public void Search_plot_leaves_diverged_trials_out()
    {
        var model = SearchPlot.Build(ReportFixtures.Search(driftingOptimum: false), "nats/token");

        var widest = model.Series.OfType<LineSeries>().Single(s => s.Title == "width 128");
        Assert.Equal(6, widest.Points.Count);
        Assert.All(widest.Points, p => Assert.True(double.IsFinite(p.Y)));
    }

    [Fact]
    public void Ladder_and_fit_plots_are_log_log()
    {
        var full = ReportFixtures.Full();
        foreach (var model in new[] { LadderCurvesPlot.Build(full.Ladder!, "nats/token"), ScalingFitPlot.Build(full.Fit!, "nats/token") })
        {
            Assert.IsType<LogarithmicAxis>(Axis(model, AxisPosition.Bottom));
            Assert.IsType<LogarithmicAxis>(Axis(model, AxisPosition.Left));
            Assert.All(model.Axes, a => Assert.False(string.IsNullOrEmpty(a.Title)));
        }
    }

    [Fact]
    public void Fit_plot_shows_band_curve_points_intervals_measured_targets_and_oracle()
    {
        var model = ScalingFitPlot.Build(ReportFixtures.Full().Fit!, "nats/token");

        Assert.Single(model.Series.OfType<AreaSeries>());
        var titles = model.Series.Select(s => s.Title).ToList();
        Assert.Equal(["bootstrap band", "fitted law", "ladder (fitted)", "prediction interval", "predicted target", "measured target", "oracle loss (corpus entropy)"], titles);
        Assert.Equal(2, model.Series.OfType<ScatterSeries>().Single(s => s.Title == "measured target").Points.Count);
        var oracle = model.Series.OfType<LineSeries>().Single(s => s.Title!.StartsWith("oracle"));
        Assert.Equal(LineStyle.Dash, oracle.LineStyle);
        Assert.All(oracle.Points, p => Assert.Equal(2.85, p.Y));
    }

    [Fact]
    public void Coord_check_plot_uses_base_two_log_width()
    {
        var model = CoordCheckReportPlot.Build(ReportFixtures.Full().CoordCheck!);

        var width = Assert.IsType<LogarithmicAxis>(Axis(model, AxisPosition.Bottom));
        Assert.Equal(2, width.Base);
        Assert.IsType<LogarithmicAxis>(Axis(model, AxisPosition.Left));
        Assert.Equal(4, model.Series.Count);
    }

    [Fact]
    public void Long_curves_are_thinned_evenly_in_log_tokens_keeping_both_ends()
    {
        var steps = Enumerable.Range(1, 20_000).Select(s => new TokenLossPoint(s * 2048.0, 3 + 1 / Math.Sqrt(s))).ToList();
        var ladder = new LadderCurves([new LadderRunCurve(64, 0, steps, [])]);

        var train = LadderCurvesPlot.Build(ladder, "nats/token").Series.OfType<LineSeries>().First();

        Assert.InRange(train.Points.Count, 100, 300);
        Assert.Equal(steps[0].Tokens, train.Points[0].X);
        Assert.Equal(steps[^1].Tokens, train.Points[^1].X);
        // The first decade (steps 1–10) keeps its points; thinning by index would have dropped nearly all of them.
        Assert.Equal(10, train.Points.Count(p => p.X <= 10 * 2048.0));
    }

    [Fact]
    public void Power_law_samples_span_the_range_evenly_in_log_x()
    {
        var curve = PowerLawCurve.Sample(2.9233, 2.4694, 0.4231, 8.53, 1446.72, count: 5);

        Assert.Equal(8.53, curve[0].X, 9);
        Assert.Equal(1446.72, curve[^1].X, 6);
        Assert.Equal(2.9233 + 2.4694 * Math.Pow(8.53, -0.4231), curve[0].Loss, 12);
        Assert.Equal(Math.Log(curve[1].X / curve[0].X), Math.Log(curve[4].X / curve[3].X), 9);
    }

    static Axis Axis(PlotModel model, AxisPosition position) => model.Axes.Single(a => a.Position == position);
}

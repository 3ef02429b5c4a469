using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NanoLM.Report;

/// <summary>The ladder's losses, the fitted law with its bootstrap band, the targets' predictions with intervals, measured targets and the oracle loss.</summary>
public static class ScalingFitPlot
{
    public static PlotModel Build(ReportedFit fit, string lossUnit)
    {
        var model = ReportPlotStyle.NewModel($"Scaling fit ({fit.Law})", "fitted on the ladder; the targets are extrapolations");
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Bottom, fit.XName, fit.XUnit, ReportFormat.Count));
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Left, "loss", lossUnit, ReportPlotStyle.LossLabel));
        // Below the plot area, in rows: inside, it covered the targets at the right edge; beside it, its longest entry
        // (the oracle's) ran past the figure when the viewer's font was wider than the one measured.
        var legend = ReportPlotStyle.Legend(LegendPosition.BottomCenter, LegendPlacement.Outside);
        legend.LegendOrientation = LegendOrientation.Horizontal;
        model.Legends.Add(legend);

        var fitColor = OxyColor.FromRgb(0, 114, 178);
        var targets = fit.Targets ?? [];
        if (fit.Band is { Count: > 1 } band)
        {
            var area = new AreaSeries
            {
                Title = "bootstrap band",
                Color = OxyColors.Transparent,
                Color2 = OxyColors.Transparent,
                Fill = OxyColor.FromAColor(55, fitColor),
                StrokeThickness = 0,
            };
            foreach (var point in band.Where(p => p.X > 0 && p.Lower > 0).OrderBy(p => p.X))
            {
                area.Points.Add(new DataPoint(point.X, point.Upper));
                area.Points2.Add(new DataPoint(point.X, point.Lower));
            }
            model.Series.Add(area);
        }

        var curve = new LineSeries { Title = "fitted law", Color = fitColor, StrokeThickness = 2 };
        foreach (var point in fit.Curve.Where(p => p.X > 0 && p.Loss > 0).OrderBy(p => p.X))
            curve.Points.Add(new DataPoint(point.X, point.Loss));
        model.Series.Add(curve);

        var ladder = new ScatterSeries
        {
            Title = "ladder (fitted)",
            MarkerType = MarkerType.Circle,
            MarkerSize = 5,
            MarkerFill = ReportPlotStyle.Ink,
        };
        foreach (var point in fit.LadderPoints.Where(p => p.X > 0 && p.Loss > 0))
            ladder.Points.Add(new ScatterPoint(point.X, point.Loss));
        model.Series.Add(ladder);

        if (targets.Count > 0) AddTargets(model, targets);
        if (fit.OracleLoss is double oracle && oracle > 0) AddOracle(model, fit, targets, oracle);
        return model;
    }

    static void AddTargets(PlotModel model, IReadOnlyList<TargetPrediction> targets)
    {
        var predictionColor = OxyColor.FromRgb(213, 94, 0);
        // Intervals can be asymmetric, so each is drawn as its own capped segment; NaN points break the line between targets.
        var intervals = new LineSeries { Title = "prediction interval", Color = predictionColor, StrokeThickness = 1.6 };
        foreach (var target in targets.Where(t => t.X > 0 && t.Lower is > 0 && t.Upper is > 0))
        {
            double lower = target.Lower!.Value, upper = target.Upper!.Value;
            // Caps 4 % wide either side in X, which reads the same at any scale on a log axis.
            foreach (double y in new[] { lower, upper })
            {
                intervals.Points.Add(new DataPoint(target.X / 1.04, y));
                intervals.Points.Add(new DataPoint(target.X * 1.04, y));
                intervals.Points.Add(DataPoint.Undefined);
            }
            intervals.Points.Add(new DataPoint(target.X, lower));
            intervals.Points.Add(new DataPoint(target.X, upper));
            intervals.Points.Add(DataPoint.Undefined);
        }
        if (intervals.Points.Count > 0) model.Series.Add(intervals);

        var predicted = new ScatterSeries
        {
            Title = "predicted target",
            MarkerType = MarkerType.Diamond,
            MarkerSize = 6,
            MarkerFill = predictionColor,
        };
        foreach (var target in targets.Where(t => t.X > 0 && t.Predicted > 0))
            predicted.Points.Add(new ScatterPoint(target.X, target.Predicted));
        model.Series.Add(predicted);

        var measured = new ScatterSeries
        {
            Title = "measured target",
            MarkerType = MarkerType.Cross,
            MarkerSize = 7,
            MarkerStroke = ReportPlotStyle.Accent,
            MarkerStrokeThickness = 2.5,
        };
        foreach (var target in targets.Where(t => t.X > 0 && t.Measured is > 0))
            measured.Points.Add(new ScatterPoint(target.X, target.Measured!.Value));
        if (measured.Points.Count > 0) model.Series.Add(measured);
    }

    static void AddOracle(PlotModel model, ReportedFit fit, IReadOnlyList<TargetPrediction> targets, double oracle)
    {
        // A two-point dashed series rather than an annotation, so the oracle gets a legend entry.
        var xs = fit.LadderPoints.Select(p => p.X).Concat(fit.Curve.Select(p => p.X)).Concat(targets.Select(t => t.X)).Where(x => x > 0).ToList();
        if (xs.Count == 0) return;
        model.Series.Add(new LineSeries
        {
            Title = "oracle loss (corpus entropy)",
            Color = OxyColor.FromRgb(90, 90, 90),
            LineStyle = LineStyle.Dash,
            StrokeThickness = 1.5,
            Points = { new DataPoint(xs.Min(), oracle), new DataPoint(xs.Max(), oracle) },
        });
    }
}

using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NanoLM.Report;

/// <summary>Loss against tokens on log-log axes: training loss as solid lines, validation loss dashed with markers, one colour per width.</summary>
public static class LadderCurvesPlot
{
    public static PlotModel Build(LadderCurves ladder, string lossUnit)
    {
        var model = ReportPlotStyle.NewModel("Ladder training curves", "solid: train loss · dashed with dots: validation loss");
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Bottom, "tokens seen", "tokens", ReportFormat.Count));
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Left, "loss", lossUnit, ReportPlotStyle.LossLabel));
        model.Legends.Add(ReportPlotStyle.Legend(LegendPosition.RightTop, LegendPlacement.Outside));

        var widths = ladder.Runs.Select(r => r.Width).ToList();
        var legendShown = new HashSet<(int Width, bool Validation)>();
        foreach (var run in ladder.Runs.OrderBy(r => r.Width).ThenBy(r => r.Seed))
        {
            var color = ReportPlotStyle.WidthColor(widths, run.Width);
            model.Series.Add(Curve(run.Train, $"width {run.Width} train", color, validation: false, legendShown.Add((run.Width, false))));
            model.Series.Add(Curve(run.Validation, $"width {run.Width} val", color, validation: true, legendShown.Add((run.Width, true))));
        }
        if (ladder.FitAtTokens is double fitAt && fitAt > 0)
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Vertical,
                X = fitAt,
                Color = ReportPlotStyle.Ink,
                LineStyle = LineStyle.Dot,
                StrokeThickness = 1.2,
                Text = "fit reads losses here",
                TextColor = ReportPlotStyle.Ink,
            });
        return model;
    }

    // Seeds of one width share a colour and a single legend entry, so the legend stays one line per width and kind.
    static LineSeries Curve(IReadOnlyList<TokenLossPoint> points, string title, OxyColor color, bool validation, bool inLegend)
    {
        var series = new LineSeries
        {
            Title = title,
            RenderInLegend = inLegend,
            Color = validation ? color : OxyColor.FromAColor(200, color),
            StrokeThickness = validation ? 2 : 1.3,
            LineStyle = validation ? LineStyle.Dash : LineStyle.Solid,
            MarkerType = validation ? MarkerType.Circle : MarkerType.None,
            MarkerSize = 3,
            MarkerFill = color,
        };
        foreach (var point in LogSpacedThinning.Thin(points.Where(p => p.Loss > 0 && double.IsFinite(p.Loss)), p => p.Tokens))
            series.Points.Add(new DataPoint(point.Tokens, point.Loss));
        return series;
    }
}

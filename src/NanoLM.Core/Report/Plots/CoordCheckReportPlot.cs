using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NanoLM.Report;

/// <summary>Mean |activation| against width (log-log, base 2) at the coord check's last step, one line per module; flat lines mean μP holds.</summary>
public static class CoordCheckReportPlot
{
    public static PlotModel Build(CoordCheckResults coordCheck)
    {
        int lastStep = coordCheck.Curves.Max(c => c.Step);
        var model = ReportPlotStyle.NewModel($"Coord check ({coordCheck.Parametrization}), step {lastStep}", "flat lines mean activations do not grow with width");
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Bottom,
            Title = "width",
            Unit = "d_model",
            Base = 2,
            LabelFormatter = v => Math.Round(v).ToString(System.Globalization.CultureInfo.InvariantCulture),
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(225, 225, 225),
            MinimumPadding = 0.04,
            MaximumPadding = 0.04,
        });
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Left, "mean |activation|", null, ReportFormat.Number));
        model.Legends.Add(ReportPlotStyle.Legend(LegendPosition.RightTop, LegendPlacement.Outside));

        foreach (var (curve, index) in coordCheck.Curves.Where(c => c.Step == lastStep).Select((c, i) => (c, i)))
        {
            var color = ReportPlotStyle.SeriesColor(index);
            var series = new LineSeries { Title = curve.Module, Color = color, MarkerFill = color, StrokeThickness = 1.8, MarkerType = MarkerType.Circle, MarkerSize = 3 };
            // A zero-initialised readout has zero activation at first; a log axis cannot show it.
            foreach (var (width, activation) in curve.Widths.Zip(curve.MeanAbsActivation).Where(p => p.Second > 0 && double.IsFinite(p.Second)).OrderBy(p => p.First))
                series.Points.Add(new DataPoint(width, activation));
            model.Series.Add(series);
        }
        return model;
    }
}

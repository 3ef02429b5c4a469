using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NanoLM.Report;

/// <summary>Validation loss against learning rate (log x), one line per width, each width's chosen point starred.</summary>
public static class SearchPlot
{
    public static PlotModel Build(SearchResults search, string lossUnit)
    {
        var model = ReportPlotStyle.NewModel("Learning-rate search", "validation loss at the end of each trial; black marker: the LR chosen at that width");
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Bottom, "peak learning rate", null, ReportFormat.LearningRate));
        model.Axes.Add(ReportPlotStyle.LossAxis(AxisPosition.Left, "validation loss", lossUnit));
        model.Legends.Add(ReportPlotStyle.Legend(LegendPosition.RightTop, LegendPlacement.Outside));

        var widths = search.Sweeps.Select(s => s.Width).ToList();
        var chosen = new ScatterSeries
        {
            Title = "chosen",
            MarkerType = MarkerType.Star,
            MarkerSize = 7,
            MarkerStroke = ReportPlotStyle.Ink,
            MarkerStrokeThickness = 2,
        };
        foreach (var sweep in search.Sweeps.OrderBy(s => s.Width))
        {
            var color = ReportPlotStyle.WidthColor(widths, sweep.Width);
            var line = new LineSeries
            {
                Title = $"width {sweep.Width}",
                Color = color,
                StrokeThickness = 2,
                MarkerType = MarkerType.Circle,
                MarkerSize = 3.5,
                MarkerFill = color,
            };
            // Diverged trials have no loss to draw; the section's text counts them.
            foreach (var point in sweep.Points.Where(p => !p.Diverged && p.LearningRate > 0).OrderBy(p => p.LearningRate))
                line.Points.Add(new DataPoint(point.LearningRate, point.ValidationLoss));
            model.Series.Add(line);
            if (sweep.Optimum is { Diverged: false } optimum && optimum.LearningRate > 0)
                chosen.Points.Add(new ScatterPoint(optimum.LearningRate, optimum.ValidationLoss));
        }
        if (chosen.Points.Count > 0) model.Series.Add(chosen);
        return model;
    }
}

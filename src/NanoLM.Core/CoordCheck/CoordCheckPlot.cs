using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NanoLM.CoordCheck;

/// <summary>Draws a coord check as SVG: one log-log chart per training step, one line per module across widths.</summary>
public static class CoordCheckPlot
{
    /// <summary>Writes one SVG per step into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> WriteSvgs(IReadOnlyList<CoordCheckCurve> curves, string title, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var step in curves.GroupBy(c => c.Step).OrderBy(g => g.Key))
        {
            string path = Path.Combine(directory, $"coord-check-step{step.Key}.svg");
            string temporary = path + ".tmp";
            var chart = Chart($"{title}, step {step.Key}", step.ToList());
            // OxyPlot's default measurer reports text 25 % too narrow, which clips legends; the report's measurer does not.
            File.WriteAllText(temporary, SvgExporter.ExportToString(chart, 720, 480, isDocument: true,
                new Report.PixelTextMeasurer(720, 480, chart.Background)));
            File.Move(temporary, path, overwrite: true);
            paths.Add(path);
        }
        return paths;
    }

    static PlotModel Chart(string title, IReadOnlyList<CoordCheckCurve> curves)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White };
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "width", Base = 2, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "mean |activation|", MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        foreach (var curve in curves)
        {
            var series = new LineSeries { Title = curve.Module, MarkerType = MarkerType.Circle, MarkerSize = 3 };
            for (int i = 0; i < curve.Widths.Count; i++)
                // Zero activations (a zero-initialised readout at step 0) have no place on a log axis.
                if (curve.MeanAbsActivation[i] > 0 && double.IsFinite(curve.MeanAbsActivation[i]))
                    series.Points.Add(new DataPoint(curve.Widths[i], curve.MeanAbsActivation[i]));
            model.Series.Add(series);
        }
        return model;
    }
}

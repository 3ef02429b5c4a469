using NanoLM.Fitting.Laws;
using NanoLM.Report;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace NanoLM.Compare;

/// <summary>Both designs on one log-log plot: each ladder's points, its fitted law and bootstrap band, and the compared target sizes.</summary>
public static class CompareFitPlot
{
    public static PlotModel Build(DesignComparison comparison, string lossUnit)
    {
        var model = ReportPlotStyle.NewModel("Design comparison", $"each ladder's fitted {ScalingLaws.Name(comparison.A.Ladder.Law)} law with its bootstrap band; diamonds: predictions at the target sizes");
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Bottom, "non-embedding parameters", null, ReportFormat.Count));
        model.Axes.Add(ReportPlotStyle.LogAxis(AxisPosition.Left, "loss", lossUnit, ReportPlotStyle.LossLabel));
        model.Legends.Add(ReportPlotStyle.Legend(LegendPosition.RightTop));

        var sizes = comparison.Band.Select(p => p.Params).ToList();
        if (sizes.Count == 0)
            sizes = [.. comparison.A.Ladder.Rungs.Concat(comparison.B.Ladder.Rungs).Select(r => (double)r.Params).Concat(comparison.Targets.Select(t => t.Params))];
        double from = sizes.Min(), to = sizes.Max() > from ? sizes.Max() : from * 2;
        AddDesign(model, $"A: {comparison.A.Ladder.Label}", comparison.A, comparison.Band.Select(p => (p.Params, p.LowerA, p.UpperA)),
            comparison.Targets.Select(t => (t.Params, t.A.Predicted)), ReportPlotStyle.SeriesColor(0), MarkerType.Circle, from, to);
        AddDesign(model, $"B: {comparison.B.Ladder.Label}", comparison.B, comparison.Band.Select(p => (p.Params, p.LowerB, p.UpperB)),
            comparison.Targets.Select(t => (t.Params, t.B.Predicted)), ReportPlotStyle.SeriesColor(1), MarkerType.Square, from, to);
        return model;
    }

    static void AddDesign(PlotModel model, string title, DesignFit fit, IEnumerable<(double X, double Lower, double Upper)> band,
        IEnumerable<(double X, double Predicted)> targets, OxyColor color, MarkerType marker, double from, double to)
    {
        var area = new AreaSeries { Title = $"{title} band", Color = OxyColors.Transparent, Color2 = OxyColors.Transparent, Fill = OxyColor.FromAColor(45, color), StrokeThickness = 0 };
        foreach (var (x, lower, upper) in band.Where(p => p.X > 0 && p.Lower > 0 && double.IsFinite(p.Upper)))
        {
            area.Points.Add(new DataPoint(x, upper));
            area.Points2.Add(new DataPoint(x, lower));
        }
        if (area.Points.Count > 1) model.Series.Add(area);

        if (fit.Degenerate is null) AddCurve(model, title, fit, color, from, to);

        var ladder = new ScatterSeries { Title = $"{title} ladder", MarkerType = marker, MarkerSize = 5, MarkerFill = color };
        foreach (var rung in fit.Ladder.Rungs.Where(r => r.Loss > 0))
            ladder.Points.Add(new ScatterPoint(rung.Params, rung.Loss));
        model.Series.Add(ladder);

        var predicted = new ScatterSeries { Title = $"{title} predicted", MarkerType = MarkerType.Diamond, MarkerSize = 6, MarkerFill = OxyColors.White, MarkerStroke = color, MarkerStrokeThickness = 2 };
        foreach (var (x, loss) in targets.Where(t => t.X > 0 && t.Predicted > 0))
            predicted.Points.Add(new ScatterPoint(x, loss));
        if (predicted.Points.Count > 0) model.Series.Add(predicted);
    }

    // A degenerate fit gets no curve: a flat line drawn past the ladder would read as a prediction.
    static void AddCurve(PlotModel model, string title, DesignFit fit, OxyColor color, double from, double to)
    {
        var curve = new LineSeries { Title = $"{title} fit", Color = color, StrokeThickness = 2 };
        foreach (var point in PowerLawCurve.Sample(fit.Predict, from, to).Where(p => p.Loss > 0))
            curve.Points.Add(new DataPoint(point.X, point.Loss));
        model.Series.Add(curve);
    }
}

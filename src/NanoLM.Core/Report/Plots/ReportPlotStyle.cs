using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;

namespace NanoLM.Report;

/// <summary>The look shared by every report plot: size, fonts, axes, legends and a colour per width that is the same in every plot.</summary>
public static class ReportPlotStyle
{
    public const double Width = 720;
    public const double Height = 440;

    // OxyPlot measures SVG text with Helvetica metrics; Liberation Sans and Arial share them, so labels fit where those fonts exist.
    const string FontFamily = "Liberation Sans, Arial, Helvetica, sans-serif";

    // Colour-blind-safe hues that stay distinct on white: Okabe–Ito's without black and yellow, then three darker tones.
    static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0, 114, 178), OxyColor.FromRgb(213, 94, 0), OxyColor.FromRgb(0, 158, 115),
        OxyColor.FromRgb(204, 121, 167), OxyColor.FromRgb(86, 180, 233), OxyColor.FromRgb(230, 159, 0),
        OxyColor.FromRgb(90, 90, 90), OxyColor.FromRgb(120, 60, 150), OxyColor.FromRgb(150, 110, 40),
    ];

    public static OxyColor Ink { get; } = OxyColor.FromRgb(34, 34, 34);

    public static OxyColor Accent { get; } = OxyColor.FromRgb(200, 30, 45);

    public static PlotModel NewModel(string title, string? subtitle = null) => new()
    {
        Title = title,
        Subtitle = subtitle,
        Background = OxyColors.White,
        DefaultFont = FontFamily,
        DefaultFontSize = 12,
        TitleFontSize = 15,
        SubtitleFontSize = 11,
        TextColor = Ink,
        PlotAreaBorderColor = OxyColor.FromRgb(160, 160, 160),
    };

    /// <summary>A log axis: ticks fall on decades when the data spans them, on subdivisions of a decade otherwise.</summary>
    public static LogarithmicAxis LogAxis(AxisPosition position, string title, string? unit, Func<double, string> label) => new()
    {
        // Losses rarely span a decade; a shorter interval gives such an axis labels every few tenths instead of one or two.
        IntervalLength = position is AxisPosition.Left or AxisPosition.Right ? 36 : 60,
        Position = position,
        Title = title,
        Unit = unit,
        LabelFormatter = label,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromRgb(225, 225, 225),
        MinorGridlineStyle = LineStyle.None,
        MinimumPadding = 0.04,
        MaximumPadding = 0.04,
    };

    public static LinearAxis LinearAxis(AxisPosition position, string title, string? unit, Func<double, string> label) => new()
    {
        Position = position,
        Title = title,
        Unit = unit,
        LabelFormatter = label,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromRgb(225, 225, 225),
        MinimumPadding = 0.05,
        MaximumPadding = 0.05,
    };

    public static Legend Legend(LegendPosition position, LegendPlacement placement = LegendPlacement.Inside) => new()
    {
        LegendPosition = position,
        LegendPlacement = placement,
        LegendBackground = OxyColor.FromAColor(230, OxyColors.White),
        LegendBorder = OxyColor.FromRgb(200, 200, 200),
        LegendFontSize = 11,
    };

    public static OxyColor SeriesColor(int index) => Palette[index % Palette.Length];

    /// <summary>The colour of a width: its rank among all widths of the experiment, so a width looks the same in every plot.</summary>
    public static OxyColor WidthColor(IReadOnlyList<int> allWidths, int width)
    {
        var ordered = allWidths.Distinct().Order().ToList();
        int rank = Math.Max(0, ordered.IndexOf(width));
        return SeriesColor(rank);
    }

    public static string LossLabel(double value) => value.ToString(Math.Abs(value) >= 10 ? "0.#" : "0.0#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A linear loss axis whose labels carry as many decimals as its tick step needs: a search whose losses differ in the
    /// third decimal otherwise reads 1.23, 1.23, 1.22 down the axis.
    /// </summary>
    public static LinearAxis LossAxis(AxisPosition position, string title, string? unit)
    {
        var axis = LinearAxis(position, title, unit, LossLabel);
        axis.LabelFormatter = value => TickLabel(value, axis.ActualMajorStep);
        // Labels of five characters or more reach the title at OxyPlot's default distance in a font wider than the one measured.
        axis.AxisTitleDistance = 10;
        return axis;
    }

    /// <summary>A tick's label with the fewest decimals (one at least, six at most) that write every multiple of <paramref name="step"/> exactly.</summary>
    public static string TickLabel(double value, double step)
    {
        int decimals = 1;
        while (decimals < 6 && double.IsFinite(step) && step > 0 && Math.Abs(step * Math.Pow(10, decimals) - Math.Round(step * Math.Pow(10, decimals))) > 1e-6)
            decimals++;
        return value.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
    }
}

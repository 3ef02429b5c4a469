using OxyPlot;

namespace NanoLM.Report;

/// <summary>Measures SVG text with Helvetica metrics in pixels, the unit the SVG is drawn in.</summary>
/// <remarks>
/// OxyPlot's SVG export measures text with its PDF context, which takes the font size in pixels, converts it to points
/// (× 72/96) and reports the width in points: every label comes out 25 % too narrow, so legends clip their text and axis
/// titles overlap the tick labels. Scaling the size back up makes the reported width a width in pixels.
/// </remarks>
internal sealed class PixelTextMeasurer(double width, double height, OxyColor background) : PdfRenderContext(width, height, background)
{
    const double PointsPerPixel = 72.0 / 96.0;

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight) =>
        base.MeasureText(text, fontFamily, fontSize / PointsPerPixel, fontWeight);
}

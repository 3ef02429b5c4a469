namespace NanoLM.Tests.Report;

/// <summary>
/// What a person would see in a screenshot, measured: the share of pixels that differ from the page's background (text,
/// axes, lines), the share in saturated colour (the plots' series; text and axes are grey), and the horizontal bands of
/// rows holding colour, one per plot on screen.
/// </summary>
sealed record ScreenshotInk(double InkShare, double ColoredShare, IReadOnlyList<(int FromRow, int ToRow)> ColoredBands)
{
    /// <summary>A pixel whose channels spread this much is in colour, not grey.</summary>
    const int ColorSpread = 80;

    /// <summary>Rows of colour closer than this belong to one band (one figure).</summary>
    const int BandGap = 40;

    public static ScreenshotInk Measure(byte[] rgb, int width, int height)
    {
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < rgb.Length; i += 3)
        {
            int key = rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        int background = counts.MaxBy(c => c.Value).Key;
        long ink = 0, colored = 0;
        var bands = new List<(int, int)>();
        int bandStart = -1, lastColoredRow = -BandGap - 1;
        for (int row = 0; row < height; row++)
        {
            bool rowColored = false;
            for (int column = 0; column < width; column++)
            {
                int i = 3 * (row * width + column);
                byte r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
                if ((r << 16 | g << 8 | b) != background) ink++;
                if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > ColorSpread)
                {
                    colored++;
                    rowColored = true;
                }
            }
            if (!rowColored) continue;
            if (row - lastColoredRow > BandGap)
            {
                if (bandStart >= 0) bands.Add((bandStart, lastColoredRow));
                bandStart = row;
            }
            lastColoredRow = row;
        }
        if (bandStart >= 0) bands.Add((bandStart, lastColoredRow));
        double pixels = (double)width * height;
        return new ScreenshotInk(ink / pixels, colored / pixels, bands);
    }
}

namespace NanoLM.Fitting.Laws;

/// <summary>Evenly spaced start values for multi-start grids.</summary>
static class StartGrids
{
    public static IEnumerable<double> Steps(double from, double to, double step)
    {
        int count = (int)Math.Round((to - from) / step) + 1;
        for (int i = 0; i < count; i++)
            yield return from + i * step;
    }
}

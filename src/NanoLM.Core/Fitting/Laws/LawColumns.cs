namespace NanoLM.Fitting.Laws;

/// <summary>The logarithmic inputs of many points, one array per quantity, so laws can evaluate them several at a time with SIMD.</summary>
public sealed class LawColumns
{
    public LawColumns(ReadOnlySpan<LawPoint> points)
    {
        Count = points.Length;
        LogParams = new double[Count];
        LogTokens = new double[Count];
        LogFlops = new double[Count];
        LogLrArea = new double[Count];
        AnnealingArea = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            LogParams[i] = points[i].LogParams;
            LogTokens[i] = points[i].LogTokens;
            LogFlops[i] = points[i].LogFlops;
            LogLrArea[i] = points[i].LogLrArea;
            AnnealingArea[i] = points[i].AnnealingArea;
        }
    }

    public int Count { get; }
    public double[] LogParams { get; }
    public double[] LogTokens { get; }
    public double[] LogFlops { get; }
    public double[] LogLrArea { get; }
    public double[] AnnealingArea { get; }

    public double[] LogAxis(ScalingAxis axis) => axis switch
    {
        ScalingAxis.Params => LogParams,
        ScalingAxis.Tokens => LogTokens,
        _ => LogFlops,
    };
}

namespace NanoLM.Fitting.Laws;

/// <summary>What a scaling law sees of one observation: model size, data, compute and learning-rate areas, with their logarithms precomputed.</summary>
public readonly struct LawPoint
{
    public double Params { get; }
    public double Tokens { get; }
    public double Flops { get; }
    public double Step { get; }
    /// <summary>S1: the sum of the learning rate up to this step (annealing law).</summary>
    public double LrArea { get; }
    /// <summary>S2: the sum of the annealing momentum up to this step (annealing law).</summary>
    public double AnnealingArea { get; }

    // Logarithms are stored because the fitters evaluate every point hundreds of thousands of times.
    public double LogParams { get; }
    public double LogTokens { get; }
    public double LogFlops { get; }
    public double LogLrArea { get; }

    public LawPoint(double parameters, double tokens, double flops, double step = double.NaN, double lrArea = double.NaN, double annealingArea = double.NaN)
    {
        Params = parameters;
        Tokens = tokens;
        Flops = flops;
        Step = step;
        LrArea = lrArea;
        AnnealingArea = annealingArea;
        LogParams = Math.Log(parameters);
        LogTokens = Math.Log(tokens);
        LogFlops = Math.Log(flops);
        LogLrArea = Math.Log(lrArea);
    }

    /// <summary>This point for a model of <paramref name="parameters"/>: the same tokens, step and learning-rate areas, compute 6·N·D.</summary>
    public LawPoint WithParams(double parameters) => new(parameters, Tokens, 6 * parameters * Tokens, Step, LrArea, AnnealingArea);

    /// <summary>A point of a ladder: parameters and tokens, with compute 6·N·D unless given.</summary>
    public static LawPoint Ladder(double parameters, double tokens = double.NaN, double flops = double.NaN) =>
        new(parameters, double.IsNaN(tokens) && !double.IsNaN(flops) ? flops / (6 * parameters) : tokens,
            double.IsNaN(flops) ? 6 * parameters * tokens : flops);

    /// <summary>A step of a training curve, known by its learning-rate areas.</summary>
    public static LawPoint OnCurve(double step, double lrArea, double annealingArea, double parameters = double.NaN, double tokens = double.NaN) =>
        new(parameters, tokens, 6 * parameters * tokens, step, lrArea, annealingArea);

    public double Axis(ScalingAxis axis) => axis switch
    {
        ScalingAxis.Params => Params,
        ScalingAxis.Tokens => Tokens,
        _ => Flops,
    };

    public double LogAxis(ScalingAxis axis) => axis switch
    {
        ScalingAxis.Params => LogParams,
        ScalingAxis.Tokens => LogTokens,
        _ => LogFlops,
    };
}

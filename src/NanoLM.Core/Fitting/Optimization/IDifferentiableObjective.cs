namespace NanoLM.Fitting.Optimization;

/// <summary>A smooth function to minimise: its value, and its gradient written into the given span.</summary>
public interface IDifferentiableObjective
{
    int Dimension { get; }
    /// <summary>The value at x (NaN where undefined), with ∇f written into <paramref name="gradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);
}

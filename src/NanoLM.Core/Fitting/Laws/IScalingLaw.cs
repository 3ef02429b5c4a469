using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>A scaling law as data: parameter names and bounds, its value and analytic gradient, in natural and in log space.</summary>
/// <remarks>
/// Log space keeps the same parameter order; positive scale parameters (E, A, B, L0) are replaced by their logarithms
/// and exponents stay as they are, so the robust fitter can use log-sum-exp forms that never go negative.
/// </remarks>
public interface IScalingLaw
{
    ScalingLaw Kind { get; }
    string Name => ScalingLaws.Name(Kind);
    string Formula { get; }
    IReadOnlyList<string> ParameterNames { get; }
    IReadOnlyList<double> LowerBounds { get; }
    IReadOnlyList<double> UpperBounds { get; }
    string DefaultFitter { get; }

    /// <summary>The predicted loss; fills ∂L/∂θ when <paramref name="gradient"/> is not empty.</summary>
    double Value(ReadOnlySpan<double> parameters, in LawPoint point, Span<double> gradient);

    /// <summary>
    /// The log of the predicted loss at every point from log-space parameters, with ∂logL/∂φⱼ for point i at
    /// <c>gradients[j·n + i]</c>. False where the law is not positive. One call per batch lets a law hoist its constant
    /// terms and use SIMD in the loop the robust fitter runs millions of times.
    /// </summary>
    bool LogValues(ReadOnlySpan<double> logParameters, LawColumns points, Span<double> logValues, Span<double> gradients);

    void ToNatural(ReadOnlySpan<double> logParameters, Span<double> parameters);
    void ToLogSpace(ReadOnlySpan<double> parameters, Span<double> logParameters);

    /// <summary>Log-space starting points for a multi-start fit of these samples.</summary>
    IReadOnlyList<double[]> StartGrid(IReadOnlyList<FitSample> samples);

    /// <summary>How "large" a point is, for leave-largest-out backtests.</summary>
    double Size(in LawPoint point);

    /// <summary>Names the first input a sample is missing, or null when the law can use it.</summary>
    string? MissingInput(in LawPoint point);
}

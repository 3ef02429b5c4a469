using NanoLM.Fitting.Laws;

namespace NanoLM.Fitting.Optimization;

/// <summary>Fits a law to samples, from the law's own start grid or from the given natural-space starts.</summary>
public interface IFitter
{
    string Name { get; }
    FitResult Fit(IScalingLaw law, IReadOnlyList<FitSample> samples, IReadOnlyList<double[]>? naturalStarts = null);
}

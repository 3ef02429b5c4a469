using NanoLM.Spec;

namespace NanoLM.Fitting.Laws;

/// <summary>
/// A law whose irreducible loss E may not lie below a known floor: the built-in corpus's oracle loss, which no model
/// can beat. Unbounded, a ladder far above the floor lets E run to 0 and A, α compensate, and such a fit extrapolates
/// too optimistically; the bound is the one fact about E the experiment knows for certain.
/// </summary>
public sealed class FlooredLaw : IScalingLaw
{
    readonly IScalingLaw inner;
    readonly int e;
    readonly double[] lowerBounds;

    FlooredLaw(IScalingLaw inner, int e, double floor)
    {
        this.inner = inner;
        this.e = e;
        Floor = floor;
        lowerBounds = [.. inner.LowerBounds];
        lowerBounds[e] = Math.Max(lowerBounds[e], floor);
    }

    /// <summary>
    /// <paramref name="law"/> with E bounded below at <paramref name="floor"/>; the law itself when there is no floor
    /// or it has no parameter E.
    /// </summary>
    public static IScalingLaw Apply(IScalingLaw law, double? floor)
    {
        if (floor is not (> 0 and < double.PositiveInfinity) || law is FlooredLaw) return law;
        int e = law.ParameterNames.ToList().IndexOf("E");
        return e < 0 ? law : new FlooredLaw(law, e, floor.Value);
    }

    /// <summary>The loss E may not go below.</summary>
    public double Floor { get; }

    /// <summary>Whether <paramref name="fit"/>'s E rests on its law's floor: the ladder alone would have put it lower.</summary>
    public static bool HoldsE(FitResult fit) => fit.Law is FlooredLaw floored && fit.Parameter("E") <= floored.Floor * (1 + 1e-6);

    /// <summary>The law without the floor.</summary>
    public IScalingLaw Inner => inner;

    public ScalingLaw Kind => inner.Kind;
    public string Formula => inner.Formula;
    public IReadOnlyList<string> ParameterNames => inner.ParameterNames;
    public IReadOnlyList<double> LowerBounds => lowerBounds;
    public IReadOnlyList<double> UpperBounds => inner.UpperBounds;
    public string DefaultFitter => inner.DefaultFitter;

    public double Value(ReadOnlySpan<double> parameters, in LawPoint point, Span<double> gradient) => inner.Value(parameters, point, gradient);

    public bool LogValues(ReadOnlySpan<double> logParameters, LawColumns points, Span<double> logValues, Span<double> gradients) =>
        inner.LogValues(logParameters, points, logValues, gradients);

    public void ToNatural(ReadOnlySpan<double> logParameters, Span<double> parameters) => inner.ToNatural(logParameters, parameters);
    public void ToLogSpace(ReadOnlySpan<double> parameters, Span<double> logParameters) => inner.ToLogSpace(parameters, logParameters);

    // The inner grid with every E start lifted just above the floor: a start outside the bounds is never evaluated.
    public IReadOnlyList<double[]> StartGrid(IReadOnlyList<FitSample> samples)
    {
        var natural = new double[ParameterNames.Count];
        var starts = new List<double[]>();
        foreach (var start in inner.StartGrid(samples))
        {
            var lifted = (double[])start.Clone();
            inner.ToNatural(lifted, natural);
            if (natural[e] <= Floor * 1.001)
            {
                natural[e] = Floor * 1.001;
                inner.ToLogSpace(natural, lifted);
            }
            starts.Add(lifted);
        }
        return [.. starts.DistinctBy(s => string.Join(",", s))];
    }

    public double Size(in LawPoint point) => inner.Size(point);
    public string? MissingInput(in LawPoint point) => inner.MissingInput(point);
}

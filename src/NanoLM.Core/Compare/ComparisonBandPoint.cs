namespace NanoLM.Compare;

/// <summary>Both fits' bootstrap intervals at one size, for drawing each design's band.</summary>
public sealed record ComparisonBandPoint(double Params, double LowerA, double UpperA, double LowerB, double UpperB);

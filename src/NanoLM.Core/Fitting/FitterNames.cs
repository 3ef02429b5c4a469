namespace NanoLM.Fitting;

/// <summary>The fitters' names as they appear on the command line and in JSON.</summary>
public static class FitterNames
{
    public const string LevenbergMarquardt = "lm";
    public const string HuberLbfgs = "huber-lbfgs";
    public static IReadOnlyList<string> All { get; } = [LevenbergMarquardt, HuberLbfgs];
}

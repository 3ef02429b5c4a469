namespace NanoLM.Fitting.Optimization;

/// <summary>The Huber loss: quadratic within δ of zero, linear beyond, so outliers pull with bounded force.</summary>
public static class Huber
{
    public const double DefaultDelta = 1e-3;

    public static double Loss(double residual, double delta, out double derivative)
    {
        double magnitude = Math.Abs(residual);
        if (magnitude <= delta)
        {
            derivative = residual;
            return 0.5 * residual * residual;
        }
        derivative = delta * Math.Sign(residual);
        return delta * (magnitude - 0.5 * delta);
    }
}

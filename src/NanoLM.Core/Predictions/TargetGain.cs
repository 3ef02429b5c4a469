using NanoLM.Fitting;

namespace NanoLM.Predictions;

/// <summary>
/// How much lower than the widest rung's mean loss a target is predicted to land, relative to that mean, with the interval
/// the prediction's own interval gives it. A gain the interval cannot tell from zero means the ladder did not extrapolate:
/// "as good as the widest rung" says as much without a fit.
/// </summary>
/// <param name="Gain">1 − predicted / widest rung's loss: 0.01 is a target predicted 1 % better than the widest rung.</param>
/// <param name="Lower">The gain at the interval's upper loss; NaN without an interval.</param>
/// <param name="Upper">The gain at the interval's lower loss; NaN without an interval.</param>
public sealed record TargetGain(int WidestWidth, double WidestLoss, double Gain, double Lower, double Upper)
{
    public static TargetGain Over(WidthMean widest, Prediction prediction) => new(widest.Width, widest.Loss,
        1 - prediction.Predicted / widest.Loss,
        prediction.HasInterval ? 1 - prediction.Upper / widest.Loss : double.NaN,
        prediction.HasInterval ? 1 - prediction.Lower / widest.Loss : double.NaN);

    public bool HasInterval => !double.IsNaN(Lower);

    /// <summary>Whether the interval shows a gain at all: its worst case is still below the widest rung.</summary>
    public bool Resolved => HasInterval && Lower > 0;
}

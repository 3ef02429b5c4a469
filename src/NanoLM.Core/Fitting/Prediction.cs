namespace NanoLM.Fitting;

/// <summary>A predicted loss with its bootstrap interval (NaN without a bootstrap) and, when the loss was measured, the relative error.</summary>
public sealed record Prediction(PredictionTarget Target, double Predicted, double Lower = double.NaN, double Upper = double.NaN)
{
    public bool HasInterval => !double.IsNaN(Lower);

    /// <summary>(predicted − measured) / measured, as μScaling reports it.</summary>
    public double? RelativeError => Target.Loss is double loss ? (Predicted - loss) / loss : null;
}

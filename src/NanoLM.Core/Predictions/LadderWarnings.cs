namespace NanoLM.Predictions;

/// <summary>The fit-quality gate's signal sentence, failure sentence and notes as plain warnings, for callers that only print them.</summary>
public static class LadderWarnings
{
    public static IReadOnlyList<string> For(ExperimentPrediction prediction)
    {
        var verdict = prediction.Gate ?? FitQualityGate.Evaluate(prediction);
        return [.. new[] { verdict.Signal, verdict.Sentence }.OfType<string>(), .. verdict.Notes];
    }
}

namespace NanoLM.Experiments;

/// <summary>The fit-quality gate's sentence and notes as plain warnings, for callers that only print them.</summary>
public static class LadderWarnings
{
    public static IReadOnlyList<string> For(ExperimentPrediction prediction)
    {
        var verdict = prediction.Gate ?? FitQualityGate.Evaluate(prediction);
        return verdict.Sentence is { } sentence ? [sentence, .. verdict.Notes] : verdict.Notes;
    }
}

namespace NanoLM.Store;

/// <summary>What a run's per-step metrics come to: how far it got, its losses and its speed.</summary>
public sealed record MetricSummary(
    int Rows,
    int? FirstStep,
    int? LastStep,
    double? FinalTrainLoss,
    double? BestValidationLoss,
    int? BestValidationStep,
    double? FinalValidationLoss,
    int Evaluations,
    long? Tokens,
    double? MeanTokensPerSecond,
    double? WallSeconds)
{
    public static MetricSummary From(IReadOnlyList<MetricRow> metrics)
    {
        var trained = metrics.Where(m => m.TrainLoss is not null).ToList();
        var evaluated = metrics.Where(m => m.ValidationLoss is not null).ToList();
        var best = evaluated.MinBy(m => m.ValidationLoss);
        var speeds = metrics.Where(m => m.TokensPerSecond is { } s && double.IsFinite(s)).Select(m => m.TokensPerSecond!.Value).ToList();
        return new MetricSummary(
            metrics.Count,
            metrics.Count > 0 ? metrics[0].Step : null,
            metrics.Count > 0 ? metrics[^1].Step : null,
            trained.LastOrDefault()?.TrainLoss,
            best?.ValidationLoss,
            best?.Step,
            evaluated.LastOrDefault()?.ValidationLoss,
            evaluated.Count,
            metrics.LastOrDefault(m => m.Tokens is not null)?.Tokens,
            speeds.Count > 0 ? speeds.Average() : null,
            metrics.LastOrDefault(m => m.WallSeconds is not null)?.WallSeconds);
    }
}

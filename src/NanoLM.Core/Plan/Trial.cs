using NanoLM.Spec;

namespace NanoLM.Plan;

/// <summary>One planned training run: its settings, identity, size and cost.</summary>
public sealed record Trial
{
    public required TrialStage Stage { get; init; }
    public required ResolvedSettings Settings { get; init; }
    public required RunIdentity Identity { get; init; }
    public required TrialExecution Execution { get; init; }
    public required long NonEmbeddingParameters { get; init; }
    /// <summary>Non-embedding plus the readout (d·V); the input embeddings are lookups and cost no FLOPs.</summary>
    public required long Parameters { get; init; }
    public required double FlopsPerToken { get; init; }
    /// <summary>Whether `train` runs it: always, except targets without <c>verify: true</c>, which are only predicted.</summary>
    public required bool Trains { get; init; }
    /// <summary>Ladder and target trials planned with the spec's own hyperparameters because the search has not finished.</summary>
    public bool AwaitsSearch { get; init; }

    public int Width => Settings.Width;
    public int Seed => Settings.Seed;
    public long Tokens => Settings.Tokens;
    public double TrainingFlops => FlopsPerToken * Tokens;

    public static Trial Create(TrialStage stage, ResolvedSettings settings, TrialExecution execution, bool trains, bool awaitsSearch)
    {
        // The family's own N: the fit's x axis, so a Llama ladder is predicted at Llama's sizes.
        long nonEmbedding = ModelSize.NonEmbeddingParameters(settings.Family, settings.Width, settings.Depth);
        return new Trial
        {
            Stage = stage,
            Settings = settings,
            Identity = new RunIdentity(settings.ComputeIdentity()),
            Execution = execution,
            NonEmbeddingParameters = nonEmbedding,
            Parameters = nonEmbedding + ModelSize.ReadoutParameters(settings.Width, settings.VocabSize),
            FlopsPerToken = ModelSize.TrainingFlopsPerToken(settings.Family, settings.Width, settings.Depth, settings.VocabSize, settings.SeqLen),
            Trains = trains,
            AwaitsSearch = awaitsSearch,
        };
    }
}

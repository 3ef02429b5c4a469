namespace NanoLM.Spec;

/// <summary>A validated nanolm.yaml: what to train, how to search, which ladder and which targets to predict.</summary>
public sealed record ExperimentSpec
{
    public string Name { get; init; } = "nanolm";
    public DataSpec Data { get; init; } = new();
    public ModelSpec Model { get; init; } = new();
    public Parametrization Parametrization { get; init; } = Parametrization.Mup;
    public TrainSpec Train { get; init; } = new();
    public SearchSpec Search { get; init; } = new();
    public LadderSpec Ladder { get; init; } = new();
    public IReadOnlyList<TargetSpec> Targets { get; init; } = [];
    public PredictSpec Predict { get; init; } = new();
}

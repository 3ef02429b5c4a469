namespace NanoLM.Spec;

/// <summary>The recipe `predict` uses when nanolm.yaml and the command line do not name one.</summary>
public static class PredictDefaults
{
    /// <summary>
    /// The default law, which also picks the recipe: power fits one loss per rung at the fit step (μScaling);
    /// chinchilla and annealing fit every checkpoint after the burn-in (whole-curve). Chinchilla, because in bench/accuracy
    /// the whole-curve fit came closer to the verified target than the single-step fit on every seed (README, accuracy
    /// table). Change it here and in docs/nanolm-yaml.md together.
    /// </summary>
    public const ScalingLaw Law = ScalingLaw.Chinchilla;
}

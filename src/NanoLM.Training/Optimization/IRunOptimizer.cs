namespace NanoLM.Training.Optimization;

/// <summary>What the trainer asks of its optimizer, whatever number format the model computes in.</summary>
public interface IRunOptimizer : IDisposable
{
    IReadOnlyList<ParameterGroupInfo> Groups { get; }

    /// <summary>Sets every group's LR to its own base LR times <paramref name="multiplier"/>.</summary>
    void ApplyMultiplier(double multiplier);

    /// <summary>Clips the global gradient norm to <paramref name="maxNorm"/> and returns the norm before clipping; ≤ 0 turns clipping off and returns 0.</summary>
    double ClipGradients(double maxNorm);

    void Step();

    void Save(BinaryWriter writer);

    void Load(BinaryReader reader);
}

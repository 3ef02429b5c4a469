using NanoLM.Data;
using static TorchSharp.torch;

namespace NanoLM.Training.Trainer;

/// <summary>Turns token windows of an <see cref="ITokenSource"/> into input and target tensors on the training device.</summary>
internal sealed class TokenBatches(ITokenSource source, int sequenceLength, Device device)
{
    /// <summary>Inputs [rows, T] and next-token targets [rows, T] for windows starting at <paramref name="offsets"/>.</summary>
    public (Tensor Inputs, Tensor Targets) Read(IReadOnlyList<long> offsets)
    {
        int window = sequenceLength + 1;
        var ids = new int[window];
        var values = new long[offsets.Count * window];
        for (int row = 0; row < offsets.Count; row++)
        {
            source.Read(offsets[row], ids);
            for (int i = 0; i < window; i++) values[row * window + i] = ids[i];
        }
        using var all = tensor(values, [offsets.Count, window]);
        using var onDevice = all.to(device);
        return (onDevice.narrow(1, 0, sequenceLength).contiguous(), onDevice.narrow(1, 1, sequenceLength).contiguous());
    }
}

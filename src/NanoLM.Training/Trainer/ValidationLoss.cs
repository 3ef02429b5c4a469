using NanoLM.Data;
using NanoLM.Training.Model;
using static TorchSharp.torch;

namespace NanoLM.Training.Trainer;

/// <summary>
/// The validation loss the trainer records: the mean next-token loss over fixed windows of the validation tokens. One
/// home, so a finished run's checkpoint scored again (on more windows, say) is measured exactly as in training.
/// </summary>
public static class ValidationLoss
{
    /// <summary>Mean loss over the windows starting at <paramref name="offsets"/>, in batches of <paramref name="batchSize"/>; leaves the model in training mode.</summary>
    public static double Mean(LanguageModel network, ITokenSource validation, IReadOnlyList<long> offsets, int batchSize, Device device)
    {
        var batches = new TokenBatches(validation, network.Config.SequenceLength, device);
        network.eval();
        try
        {
            using var noGrad = no_grad();
            double total = 0;
            for (int first = 0; first < offsets.Count; first += batchSize)
            {
                using var scope = NewDisposeScope();
                var chunk = offsets.Skip(first).Take(batchSize).ToArray();
                var (inputs, targets) = batches.Read(chunk);
                total += network.Loss(inputs, targets).item<float>() * chunk.Length;
            }
            return total / offsets.Count;
        }
        finally
        {
            network.train();
        }
    }
}

using NanoLM.Plan;
using NanoLM.Store;

namespace NanoLM.Runs;

/// <summary>Trains one trial of a plan; Training implements it with TorchSharp, tests with a fake.</summary>
public interface ITrialTrainer
{
    /// <summary>Trains <paramref name="trial"/> to its last step, resuming from <paramref name="checkpointDirectory"/> when it holds a checkpoint.</summary>
    RunOutcome Train(Trial trial, ITrainingRecorder recorder, string checkpointDirectory, CancellationToken cancellation);
}

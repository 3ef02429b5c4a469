using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Store;

namespace NanoLM.Tests.Runs;

/// <summary>
/// A trainer without torch: its validation loss falls with width and depends on the LR, it checkpoints into the
/// folder it is given, and it can be told to stop at a step as Ctrl+C would.
/// </summary>
sealed class ScriptedTrialTrainer(Func<Trial, double>? loss = null) : ITrialTrainer
{
    readonly Func<Trial, double> lossOf = loss ?? LossOf;

    public List<(string Id, int FromStep)> Calls { get; } = [];
    /// <summary>The files in each call's checkpoint folder as the call began.</summary>
    public List<string[]> CheckpointFiles { get; } = [];
    public int? InterruptAtStep { get; set; }

    public static double LossOf(Trial trial) => 2.0 + 8.0 / Math.Sqrt(trial.Width) + Math.Abs(Math.Log10(trial.Settings.Lr / 0.01));

    public RunOutcome Train(Trial trial, ITrainingRecorder recorder, string checkpointDirectory, CancellationToken cancellation)
    {
        Directory.CreateDirectory(checkpointDirectory);
        string checkpoint = Path.Combine(checkpointDirectory, "step.txt");
        int from = File.Exists(checkpoint) ? int.Parse(File.ReadAllText(checkpoint)) : 0;
        Calls.Add((trial.Identity.Hash, from));
        CheckpointFiles.Add([.. Directory.GetFiles(checkpointDirectory).Select(Path.GetFileName).Order()!]);
        int steps = trial.Settings.Steps;
        for (int step = from + 1; step <= steps; step++)
        {
            long tokens = (long)step * trial.Settings.Batch * trial.Settings.SeqLen;
            recorder.Step(new StepMetrics(step, lossOf(trial) + 1.0 / step, trial.Settings.Lr, tokens, 1000, step));
            if (InterruptAtStep == step)
            {
                File.WriteAllText(checkpoint, $"{step}");
                recorder.Checkpoint(step, checkpoint);
                recorder.Finished(RunOutcome.Interrupted, "stopped by the test");
                InterruptAtStep = null;
                return RunOutcome.Interrupted;
            }
        }
        recorder.Evaluation(new EvaluationMetrics(steps, lossOf(trial), (long)steps * trial.Settings.Batch * trial.Settings.SeqLen, 0, steps));
        recorder.Finished(RunOutcome.Finished, null);
        return RunOutcome.Finished;
    }
}

using NanoLM.Fitting.Laws;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Store;

namespace NanoLM.Tests.Runs;

/// <summary>
/// A trainer without torch that records whole curves: the training loss and a warmup-then-cosine learning rate at every
/// step, and the validation loss every eval_interval steps, from a loss given as a function of the trial and its step.
/// </summary>
sealed class CurveTrialTrainer(Func<Trial, int, double> loss) : ITrialTrainer
{
    /// <summary>L = 1.2 + 40/N^0.35 + 30/D^0.3 (N non-embedding parameters, D tokens seen), moved by 0.2 % per seed.</summary>
    public static double Chinchilla(Trial trial, int step)
    {
        double tokens = (double)step * trial.Settings.Batch * trial.Settings.SeqLen;
        return (1.2 + 40 * Math.Pow(trial.NonEmbeddingParameters, -0.35) + 30 * Math.Pow(tokens, -0.3)) * (1 + 0.002 * (trial.Seed % 2 == 0 ? 1 : -1));
    }

    /// <summary>L = 1.2 + 40/N^0.35 + 1.9·S1^(−0.35) − 0.1·S2 over the recorded schedule's areas (the sized annealing law), moved by 0.2 % per seed.</summary>
    public static double Annealing(Trial trial, int step)
    {
        long[] steps = [.. Enumerable.Range(1, trial.Settings.Steps).Select(s => (long)s)];
        var (s1, s2) = LearningRateAreas.Compute(steps, [.. steps.Select(s => LearningRate(trial, (int)s))])[step - 1];
        return (1.2 + 40 * Math.Pow(trial.NonEmbeddingParameters, -0.35) + 1.9 * Math.Pow(s1, -0.35) - 0.1 * s2) * (1 + 0.002 * (trial.Seed % 2 == 0 ? 1 : -1));
    }

    public static double LearningRate(Trial trial, int step)
    {
        var s = trial.Settings;
        if (step <= s.Warmup) return s.Lr * step / Math.Max(1, s.Warmup);
        double progress = (step - s.Warmup) / (double)Math.Max(1, s.Steps - s.Warmup);
        return s.Lr * (0.1 + 0.9 * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    public RunOutcome Train(Trial trial, ITrainingRecorder recorder, string checkpointDirectory, CancellationToken cancellation)
    {
        var s = trial.Settings;
        for (int step = 1; step <= s.Steps; step++)
        {
            long tokens = (long)step * s.Batch * s.SeqLen;
            recorder.Step(new StepMetrics(step, loss(trial, step), LearningRate(trial, step), tokens, 1000, step));
            if (step % s.EvalInterval == 0 || step == s.Steps)
                recorder.Evaluation(new EvaluationMetrics(step, loss(trial, step), tokens, 0, step));
        }
        recorder.Finished(RunOutcome.Finished, null);
        return RunOutcome.Finished;
    }
}

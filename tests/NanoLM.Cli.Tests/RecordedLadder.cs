using NanoLM.Plan;
using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Tests;

/// <summary>A spec written to a folder with every ladder run recorded as finished in its store, so commands can fit a ladder without training it.</summary>
static class RecordedLadder
{
    /// <summary>Writes <paramref name="yaml"/> as nanolm.yaml and records each ladder run with a validation loss every eval_interval steps from <paramref name="loss"/>.</summary>
    public static void Write(string directory, string yaml, Func<Trial, int, double> loss)
    {
        string configPath = Path.Combine(directory, SpecLoader.DefaultFileName);
        File.WriteAllText(configPath, yaml);
        var spec = SpecLoader.Load(configPath).SpecOrThrow();
        using var store = RunStore.Open(Path.Combine(directory, ".nanolm", "store.db"));
        long experiment = store.EnsureExperiment(spec.Name, configPath);
        foreach (var trial in PlanBuilder.Build(spec).LadderTrials)
        {
            store.GetOrCreateRun(RunRegistration.From(trial, experiment));
            using var recorder = store.OpenRecorder(trial.Identity.Hash);
            for (int step = 1; step <= trial.Settings.Steps; step++)
            {
                long tokens = (long)step * trial.Settings.Batch * trial.Settings.SeqLen;
                recorder.Step(new StepMetrics(step, loss(trial, step), 0.01, tokens, 1000, step));
                if (step % trial.Settings.EvalInterval == 0) recorder.Evaluation(new EvaluationMetrics(step, loss(trial, step), tokens, 0, step));
            }
            recorder.Finished(RunOutcome.Finished, null);
        }
    }
}

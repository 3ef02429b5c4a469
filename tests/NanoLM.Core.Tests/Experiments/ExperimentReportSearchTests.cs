using NanoLM.Experiments;
using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Experiments;

public class ExperimentReportSearchTests
{
    [Fact]
    public void The_search_plot_shows_one_point_per_learning_rate_at_the_mean_of_its_seeds_and_marks_the_chosen_one()
    {
        var spec = new ExperimentSpec
        {
            Train = new TrainSpec { Steps = 100, Warmup = 10, Seed = 3 },
            Search = new SearchSpec { Seeds = 2, Grid = new SearchGrid { Lr = [0.01, 0.02] } },
        };
        // Seed 3 alone prefers 0.01; the mean over seeds 3 and 4 prefers 0.02.
        var losses = new Dictionary<(double, int), double> { [(0.01, 3)] = 1.10, [(0.01, 4)] = 1.30, [(0.02, 3)] = 1.15, [(0.02, 4)] = 1.17 };
        var searchTrials = PlanBuilder.Build(spec).SearchTrials.ToList();
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();
        long experiment = store.EnsureExperiment("report-search", Path.Combine(temporary.Directory, "nanolm.yaml"));
        foreach (var trial in searchTrials)
        {
            store.GetOrCreateRun(RunRegistration.From(trial, experiment));
            using var recorder = store.OpenRecorder(trial.Identity.Hash, flushEvery: 10);
            recorder.Evaluation(new EvaluationMetrics(100, losses[(trial.Settings.Lr, trial.Seed)], 100 * 2048L, 1 << 20, 1.0));
            recorder.Finished(RunOutcome.Finished, null);
        }
        var plan = PlanBuilder.Build(spec, store.CompletedValidationLosses());

        var report = ExperimentReport.Build(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, plan, null, null, null, new FitOptions());

        var sweep = Assert.Single(report.Search!.Sweeps);
        Assert.Equal([0.01, 0.02], sweep.Points.Select(p => p.LearningRate));
        Assert.Equal([1.20, 1.16], sweep.Points.Select(p => Math.Round(p.ValidationLoss, 12)));
        Assert.Equal(0.02, sweep.Chosen!.LearningRate);
    }
}

using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Report;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Report;

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

        var report = Report(spec, temporary, store, searchTrials, trial => losses[(trial.Settings.Lr, trial.Seed)]);

        var sweep = Assert.Single(report.Search!.Sweeps);
        Assert.Equal([0.01, 0.02], sweep.Points.Select(p => p.LearningRate));
        Assert.Equal([1.20, 1.16], sweep.Points.Select(p => Math.Round(p.ValidationLoss, 12)));
        Assert.Equal(0.02, sweep.Chosen!.LearningRate);
    }

    [Fact]
    public void With_a_grid_over_init_std_too_the_chosen_point_is_the_one_the_plan_chose_not_another_at_its_learning_rate()
    {
        var spec = new ExperimentSpec
        {
            Train = new TrainSpec { Steps = 100, Warmup = 10, Seed = 3 },
            Search = new SearchSpec { Grid = new SearchGrid { Lr = [0.01, 0.02], InitStd = [0.01, 0.02] } },
        };
        // Both σ come before and after the winner in some order; only (0.02, σ 0.02) has 1.05.
        var losses = new Dictionary<(double, double), double> { [(0.01, 0.01)] = 1.20, [(0.01, 0.02)] = 1.25, [(0.02, 0.01)] = 1.30, [(0.02, 0.02)] = 1.05 };
        var searchTrials = PlanBuilder.Build(spec).SearchTrials.ToList();
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();

        var report = Report(spec, temporary, store, searchTrials, trial => losses[(trial.Settings.Lr, trial.Settings.InitStd)]);

        var sweep = Assert.Single(report.Search!.Sweeps);
        Assert.Equal(4, sweep.Points.Count);
        Assert.Equal(1.05, sweep.Chosen!.ValidationLoss);
    }

    [Fact]
    public void A_rung_searched_on_its_own_shows_its_own_sweep_with_its_own_chosen_point()
    {
        var spec = new ExperimentSpec
        {
            Train = new TrainSpec { Steps = 100, Warmup = 10, Seed = 3 },
            Search = new SearchSpec { ProxyWidth = 48, Rungs = [32], Grid = new SearchGrid { Lr = [0.01, 0.02] } },
        };
        // The proxy prefers 0.02, the narrow rung 0.01.
        var searchTrials = PlanBuilder.Build(spec).SearchTrials.ToList();
        using var temporary = new TemporaryStore();
        using var store = temporary.Open();

        var report = Report(spec, temporary, store, searchTrials, trial => (trial.Width == 48) == (trial.Settings.Lr == 0.02) ? 1.1 : 1.2);

        Assert.Equal([(32, 0.01, true), (48, 0.02, false)], report.Search!.Sweeps.OrderBy(s => s.Width).Select(s => (s.Width, s.Chosen!.LearningRate, s.OwnSearch)));
    }

    // Records one final validation loss per search trial, then builds the report from the plan those results give.
    static NanoLM.Report.ReportModel Report(ExperimentSpec spec, TemporaryStore temporary, RunStore store, IReadOnlyList<Trial> searchTrials, Func<Trial, double> loss)
    {
        long experiment = store.EnsureExperiment("report-search", Path.Combine(temporary.Directory, "nanolm.yaml"));
        foreach (var trial in searchTrials)
        {
            store.GetOrCreateRun(RunRegistration.From(trial, experiment));
            using var recorder = store.OpenRecorder(trial.Identity.Hash, flushEvery: 10);
            recorder.Evaluation(new EvaluationMetrics(100, loss(trial), 100 * 2048L, 1 << 20, 1.0));
            recorder.Finished(RunOutcome.Finished, null);
        }
        var plan = PlanBuilder.Build(spec, store.CompletedValidationLosses());
        return ExperimentReport.Build(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, plan, null, null, null, new FitOptions());
    }
}

using NanoLM.Predictions;
using NanoLM.Report;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Tests.Predictions;
using NanoLM.Tests.Runs;
using NanoLM.Tests.Store;

namespace NanoLM.Tests.Report;

/// <summary>The report is written by the library, without the CLI, and fits the ladder as `predict` does.</summary>
public class ExperimentReportWriteTests
{
    // The predictor tests' experiment: a clean power-law ladder, two seeds per width.
    static ExperimentSpec Spec() => ExperimentPredictorTests.Spec();

    [Fact]
    public void A_report_without_a_prediction_fits_with_predicts_options_so_its_interval_is_predicts()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        string specPath = Path.Combine(temporary.Directory, "nanolm.yaml");
        using var store = temporary.Open();
        new ExperimentRunner(spec, specPath, store,
            new ScriptedTrialTrainer(t => ScriptedTrialTrainer.LossOf(t) * (1 + 0.003 * (t.Seed % 2 == 0 ? 1 : -1))), new SilentProgress())
            .Run(TrainingStages.Parse("all"), CancellationToken.None);

        var written = ExperimentReport.Write(spec, specPath, store, prediction: null, oracle: null, environment: null, Path.Combine(temporary.Directory, "out"));
        var predicted = ExperimentPredictor.Predict(spec, store, ExperimentPredictor.DefaultOptions()).Outcome.Predictions.Single();

        Assert.Null(written.WithoutFit);
        Assert.True(File.Exists(written.Output.HtmlPath) && File.Exists(written.Output.MarkdownPath));
        var target = written.Model.Fit!.Targets!.Single();
        Assert.Equal((predicted.Predicted, predicted.Lower, predicted.Upper), (target.Predicted, target.Lower!.Value, target.Upper!.Value));
    }

    [Fact]
    public void A_report_of_an_untrained_ladder_is_written_and_says_why_it_has_no_fit()
    {
        using var temporary = new TemporaryStore();
        var spec = Spec();
        using var store = temporary.Open();

        var written = ExperimentReport.Write(spec, Path.Combine(temporary.Directory, "nanolm.yaml"), store, null, null, null);

        Assert.Contains("dotnet nanolm train", written.WithoutFit);
        Assert.Null(written.Model.Fit);
        Assert.Equal(Path.Combine(temporary.Directory, ".nanolm", "report", "report.html"), written.Output.HtmlPath);
    }
}

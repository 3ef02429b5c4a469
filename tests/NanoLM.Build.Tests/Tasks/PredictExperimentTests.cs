using System.Text.Json.Nodes;
using NanoLM.Build;

namespace NanoLM.Tests.Tasks;

public class PredictExperimentTests
{
    // The shape of `dotnet nanolm predict --json`, cut down to what the build reads.
    const string Prediction = """
        {
          "law": "power",
          "predictions": [ { "params": 111168, "predicted": 2.93361, "lower": 2.9012, "upper": 2.96549 } ],
          "targets": [ { "width": 96, "params": 111168, "verified": false } ],
          "warnings": [ "one seed per width: the intervals ignore seed noise (set ladder.seeds: 2 or more)" ]
        }
        """;

    [Fact]
    public void Prediction_is_written_to_its_file_and_summarised_in_the_log()
    {
        using var tool = new FakeTool($"""
            echo "fitting the ladder" >&2
            cat <<'JSON'
            {Prediction}
            JSON
            """);
        var engine = new FakeBuildEngine();
        var task = tool.Task<PredictExperiment>(engine);
        task.PredictionFile = tool.PathOf(".nanolm/prediction.json");

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        var written = JsonNode.Parse(File.ReadAllText(task.PredictionFile))!;
        Assert.Equal(2.93361, written["predictions"]![0]!["predicted"]!.GetValue<double>());
        Assert.Contains(engine.Messages, m => m.Message == "nanolm: target width 96 (111,168 parameters): predicted loss 2.9336 [2.9012, 2.9655]");
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(BuildDiagnosticCodes.PredictionWarning, warning.Code);
        Assert.Contains("one seed per width", warning.Message);
        // Standard error is logged; standard output, the JSON, is not.
        Assert.Contains(engine.Messages, m => m.Message == "fitting the ladder");
        Assert.DoesNotContain(engine.Messages, m => m.Message!.Contains("\"law\""));
    }

    [Fact]
    public void Failed_predict_leaves_the_previous_prediction_alone()
    {
        using var tool = new FakeTool("""echo "dotnet nanolm: error: the ladder has 2 finished rungs; the fit needs 3" >&2; exit 1""");
        var engine = new FakeBuildEngine();
        var task = tool.Task<PredictExperiment>(engine);
        task.PredictionFile = tool.PathOf("prediction.json");
        File.WriteAllText(task.PredictionFile, "{\"previous\": true}");

        Assert.False(task.Execute());

        Assert.Equal("{\"previous\": true}", File.ReadAllText(task.PredictionFile));
        Assert.Contains(engine.Errors, e => e.Message!.Contains("the fit needs 3"));
    }

    [Fact]
    public void Output_that_is_not_json_is_NLM0012()
    {
        using var tool = new FakeTool("echo 'Target width 96: predicted 2.9336'");
        var engine = new FakeBuildEngine();
        var task = tool.Task<PredictExperiment>(engine);
        task.PredictionFile = tool.PathOf("prediction.json");

        Assert.False(task.Execute());

        Assert.Equal(BuildDiagnosticCodes.PredictionUnreadable, Assert.Single(engine.Errors).Code);
        Assert.False(File.Exists(task.PredictionFile));
    }

    [Fact]
    public void Summary_gives_the_interval_for_one_training_and_for_the_expected_loss_when_predict_gives_both()
    {
        var summary = PredictionSummary.Parse("""
            {
              "level": 0.9,
              "predictions": [ { "predicted": 0.87301, "lower": 0.8358, "upper": 0.91026, "expected_lower": 0.84, "expected_upper": 0.90614 } ],
              "targets": [ { "width": 256, "params": 1638400 } ]
            }
            """);

        Assert.Equal(["target width 256 (1,638,400 parameters): predicted loss 0.8730; 90 % interval for one training [0.8358, 0.9103], for the expected loss [0.8400, 0.9061]"],
            summary.Targets);
    }

    [Fact]
    public void Summary_leaves_out_what_the_json_does_not_say()
    {
        var summary = PredictionSummary.Parse("""{ "predictions": [ { "predicted": 3.5 } ], "targets": [ { "params": 2000000 } ] }""");

        Assert.Equal(["target (2,000,000 parameters): predicted loss 3.5000"], summary.Targets);
        Assert.Empty(summary.Warnings);
    }
}

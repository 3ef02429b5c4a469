using System.Text.Json;
using NanoLM.Store;

namespace NanoLM.Tests;

public class JsonlRecorderTests
{
    [Fact]
    public void Writes_one_json_object_per_event_including_non_finite_losses()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "run.jsonl");
        using (var recorder = new JsonlRecorder(path))
        {
            recorder.Step(new StepMetrics(1, 5.5, 1e-3, 128, 1000, 0.1));
            recorder.Step(new StepMetrics(2, double.NaN, 1e-3, 256, 1000, 0.2));
            recorder.Evaluation(new EvaluationMetrics(2, 5.0, 256, 1 << 20, 0.3));
            recorder.Finished(RunOutcome.Diverged, "NaN");
            recorder.Flush();
        }
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["step", "step", "evaluation", "finished"], lines.Select(l => l.GetProperty("event").GetString()));
        Assert.Equal(5.5, lines[0].GetProperty("train_loss").GetDouble());
        Assert.Equal("NaN", lines[1].GetProperty("train_loss").GetString());
        Assert.Equal("diverged", lines[3].GetProperty("outcome").GetString());
    }
}

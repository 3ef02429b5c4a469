using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoLM.Store;

/// <summary>Writes every training event as one JSON object per line, for runs outside a store.</summary>
public sealed class JsonlRecorder : ITrainingRecorder, IDisposable
{
    // NaN and Infinity are exactly what a diverging run reports, so they must survive serialisation.
    static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    readonly StreamWriter _writer;

    public JsonlRecorder(string path, bool append = true)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        _writer = new StreamWriter(new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read));
    }

    public void Step(StepMetrics metrics) => Write("step", metrics);
    public void Evaluation(EvaluationMetrics metrics) => Write("evaluation", metrics);
    public void Checkpoint(int step, string path) => Write("checkpoint", new { step, path });
    public void Event(string kind, string message) => Write("event", new { kind, message });
    public void Finished(RunOutcome outcome, string? reason) => Write("finished", new { outcome = outcome.ToString().ToLowerInvariant(), reason });

    public void Flush()
    {
        _writer.Flush();
        _writer.BaseStream.Flush();
    }

    public void Dispose() => _writer.Dispose();

    void Write<T>(string kind, T payload)
    {
        var element = JsonSerializer.SerializeToElement(payload, Options);
        var line = new Dictionary<string, JsonElement> { ["event"] = JsonSerializer.SerializeToElement(kind) };
        foreach (var property in element.EnumerateObject()) line[property.Name] = property.Value;
        line["time"] = JsonSerializer.SerializeToElement(DateTimeOffset.UtcNow);
        _writer.WriteLine(JsonSerializer.Serialize(line, Options));
    }
}

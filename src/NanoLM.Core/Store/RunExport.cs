using System.Globalization;
using System.Text.Json;
using NanoLM.Spec;

namespace NanoLM.Store;

/// <summary>
/// Every run and its per-step metrics, as CSV (one row per step, in the column names `dotnet nanolm fit` reads:
/// run, params, step, tokens, flops, lr, loss = validation loss) or as one JSON document.
/// </summary>
public static class RunExport
{
    public static readonly string[] CsvColumns =
        ["run", "stage", "width", "seed", "status", "params", "step", "tokens", "flops", "lr", "train_loss", "loss", "tokens_per_s", "wall_s"];

    /// <param name="runs">The runs to write (default: every run in the store).</param>
    public static void WriteCsv(RunStore store, TextWriter output, IReadOnlyList<RunRecord>? runs = null)
    {
        output.WriteLine(string.Join(",", CsvColumns));
        foreach (var run in runs ?? store.ListRuns())
        {
            var size = Size.Of(run);
            foreach (var m in store.Metrics(run.Id))
            {
                string[] cells =
                [
                    run.Id, run.Stage, Int(run.Width), Int(run.Seed), run.Status.Name(), Int(size.NonEmbeddingParameters), Int(m.Step),
                    Long(m.Tokens), m.Tokens is { } t && size.FlopsPerToken is { } f ? Real(f * t) : "", Real(m.LearningRate),
                    Real(m.TrainLoss), Real(m.ValidationLoss), Real(m.TokensPerSecond), Real(m.WallSeconds),
                ];
                output.WriteLine(string.Join(",", cells));
            }
        }
    }

    /// <param name="runs">The runs to write (default: every run in the store).</param>
    public static void WriteJson(RunStore store, Stream output, IReadOnlyList<RunRecord>? runs = null)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("store", store.Path);
        json.WriteStartArray("runs");
        foreach (var run in runs ?? store.ListRuns())
        {
            json.WriteStartObject();
            WriteRunFields(json, run);
            json.WriteStartArray("metrics");
            foreach (var m in store.Metrics(run.Id))
            {
                json.WriteStartObject();
                json.WriteNumber("step", m.Step);
                Number(json, "train_loss", m.TrainLoss);
                Number(json, "val_loss", m.ValidationLoss);
                Number(json, "lr", m.LearningRate);
                if (m.Tokens is { } tokens) json.WriteNumber("tokens", tokens);
                Number(json, "tokens_per_s", m.TokensPerSecond);
                Number(json, "wall_s", m.WallSeconds);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The run-level fields shared by `runs list --json`, `runs show --json` and the JSON export.</summary>
    public static void WriteRunFields(Utf8JsonWriter json, RunRecord run)
    {
        json.WriteString("id", run.Id);
        json.WriteString("stage", run.Stage);
        json.WriteNumber("width", run.Width);
        json.WriteNumber("seed", run.Seed);
        json.WriteString("status", run.Status.Name());
        if (run.Reason is not null) json.WriteString("reason", run.Reason);
        if (run.Holder is { } holder) json.WriteString("held_by", holder);
        if (Size.Of(run).NonEmbeddingParameters is { } n) json.WriteNumber("params", n);
        if (run.FinalStep is { } step) json.WriteNumber("final_step", step);
        if (run.Tokens is { } tokens) json.WriteNumber("tokens", tokens);
        Number(json, "wall_s", run.WallSeconds);
        Number(json, "best_val_loss", run.BestValidationLoss);
        Number(json, "final_val_loss", run.FinalValidationLoss);
        json.WriteString("created", run.Created.ToString("O", CultureInfo.InvariantCulture));
        if (run.Started is { } started) json.WriteString("started", started.ToString("O", CultureInfo.InvariantCulture));
        if (run.Finished is { } finished) json.WriteString("finished", finished.ToString("O", CultureInfo.InvariantCulture));
        if (run.CheckpointPath is not null) json.WriteString("checkpoint", run.CheckpointPath);
        json.WritePropertyName("settings");
        using var settings = JsonDocument.Parse(run.Settings.Utf8);
        settings.RootElement.WriteTo(json);
    }

    // JSON has no infinity or NaN; a diverged loss is written as null.
    static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v);
        else if (value is not null) json.WriteNull(name);
    }

    static string Int(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
    static string Long(long? value) => Int(value);
    static string Real(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>The run's non-embedding parameter count, from its stored settings; null when they do not say.</summary>
    public static long? NonEmbeddingParameters(RunRecord run) => Size.Of(run).NonEmbeddingParameters;

    /// <summary>Parameter and FLOP counts recomputed from a run's stored settings.</summary>
    readonly record struct Size(long? NonEmbeddingParameters, double? FlopsPerToken)
    {
        public static Size Of(RunRecord run)
        {
            // Four of the run's thirty-odd settings, picked out on the way rather than flattening them all: `runs list
            // --json` and `--where params ...` ask this of every run.
            double? depth = null, seqLen = null, vocab = null;
            var family = ModelFamily.Gpt;
            RunSettingsView.Walk(run.Settings.Utf8.Span, (key, value) =>
            {
                switch (key)
                {
                    case "model.depth": depth = Number(value); break;
                    case "model.seq_len": seqLen = Number(value); break;
                    case "data.vocab_size": vocab = Number(value); break;
                    case "model.family": family = value is "llama" ? ModelFamily.Llama : ModelFamily.Gpt; break;
                }
            });
            if (depth is null) return default;
            long n = ModelSize.NonEmbeddingParameters(family, run.Width, (int)depth);
            double? flops = seqLen is not null && vocab is not null
                ? ModelSize.TrainingFlopsPerToken(family, run.Width, (int)depth, (int)vocab, (int)seqLen)
                : null;
            return new Size(n, flops);
        }

        static double? Number(ReadOnlySpan<char> text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;
    }
}

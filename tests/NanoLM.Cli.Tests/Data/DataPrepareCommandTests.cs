using System.Text.Json;

namespace NanoLM.Tests.Data;

public sealed class DataPrepareCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nanolm-cli-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    static string Documents(int count) =>
        string.Join("\n", Enumerable.Range(0, count).Select(i => $$"""{"text": "document number {{i}} says hello"}"""));

    [Fact]
    public void Data_prepare_writes_shards_and_a_manifest_and_reports_throughput()
    {
        string corpus = Write("corpus.jsonl", Documents(100));
        string output = Path.Combine(_dir, "out");

        var run = CliRun.Of("data", "prepare", corpus, "--out", output, "--val-fraction", "0.2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("prepared", run.Output);
        Assert.Contains("tokens/s", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "train.tokens")));
        Assert.True(File.Exists(Path.Combine(output, "validation.tokens")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal("byte", manifest.RootElement.GetProperty("tokenizer").GetString());
        Assert.Equal(100, manifest.RootElement.GetProperty("train").GetProperty("documents").GetInt64()
                        + manifest.RootElement.GetProperty("validation").GetProperty("documents").GetInt64());
    }

    [Fact]
    public void Data_prepare_json_prints_the_manifest()
    {
        string corpus = Write("corpus.jsonl", Documents(100));
        var run = CliRun.Of("data", "prepare", corpus, "--out", Path.Combine(_dir, "out"), "--val-fraction", "0.2", "--tokenizer", "cl100k", "--json");

        Assert.Equal(0, run.ExitCode);
        using var manifest = JsonDocument.Parse(run.Output);
        Assert.Equal(100_277, manifest.RootElement.GetProperty("vocabulary_size").GetInt32());
    }

    [Fact]
    public void Bad_jsonl_line_exits_1_with_a_message_naming_the_line()
    {
        string corpus = Write("corpus.jsonl", Documents(10) + "\n{\"title\": \"no text\"}\n");

        var run = CliRun.Of("data", "prepare", corpus, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("corpus.jsonl:11:", run.Error);
        Assert.Contains("\"text\"", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Unknown_tokenizer_is_a_usage_error()
    {
        string corpus = Write("a.txt", "hello\n");
        var run = CliRun.Of("data", "prepare", corpus, "--out", Path.Combine(_dir, "out"), "--tokenizer", "gpt2");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gpt2", run.Error);
    }

    [Fact]
    public void Validation_fraction_outside_zero_to_one_is_a_usage_error()
    {
        string corpus = Write("a.txt", "hello\n");
        var run = CliRun.Of("data", "prepare", corpus, "--out", Path.Combine(_dir, "out"), "--val-fraction", "1.5");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--val-fraction must be in [0, 1)", run.Error);
    }
}

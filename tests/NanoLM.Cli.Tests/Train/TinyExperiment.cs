namespace NanoLM.Tests.Train;

/// <summary>A nanolm.yaml small enough to train in seconds, in a fresh folder.</summary>
sealed class TinyExperiment : IDisposable
{
    public string Directory { get; } = DotnetCli.NewTemporaryDirectory("nanolm-train");
    public string SpecPath => Path.Combine(Directory, "nanolm.yaml");
    public string StorePath => Path.Combine(Directory, ".nanolm", "store.db");

    public TinyExperiment(int steps = 8, string extraTrain = "", int checkpointInterval = 4)
    {
        File.WriteAllText(SpecPath, $$"""
            name: tiny
            data: { source: synthetic, seed: 5 }
            model: { depth: 1, head_dim: 8, seq_len: 16, base_width: 16 }
            train: { batch: 2, steps: {{steps}}, warmup: 2, eval_interval: 4, eval_batches: 1, checkpoint_interval: {{checkpointInterval}}, threads: 1{{extraTrain}} }
            search:
              proxy_width: 16
              steps: {{steps}}
              grid: { lr: [0.01, 0.03] }
            ladder: { widths: [16, 24, 32, 40] }
            targets:
              - width: 96
            predict: { law: power }
            """);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

using NanoLM.Data;
using NanoLM.Data.Synthetic;
using Xunit.Abstractions;

namespace NanoLM.Tests.Data;

public sealed class SyntheticCorpusMeasurements(ITestOutputHelper output)
{
    [Fact(Skip = "measurement for docs/data.md; run by hand")]
    public void Print_the_documented_numbers()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var corpus = SyntheticCorpus.Create(new SyntheticCorpusOptions { Seed = 0 });
        output.WriteLine($"generate: {clock.Elapsed.TotalSeconds:F2} s; lexicon {corpus.LexiconSize}, states {corpus.HiddenStates}, bytes/word {corpus.MeanBytesPerWord:F3}");
        clock.Restart();
        output.WriteLine($"oracle (full history): {corpus.OracleLossNatsPerToken(corpus.Validation):F4} nats/byte ({clock.Elapsed.TotalSeconds:F2} s)");
        clock.Restart();
        output.WriteLine($"oracle (windows of 128): {corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128):F4} nats/byte ({clock.Elapsed.TotalSeconds:F2} s)");
        output.WriteLine($"unigram entropy: {corpus.UnigramEntropyNats():F4}");
        var train = corpus.Train.ReadAll();
        var validation = corpus.Validation.ReadAll();
        for (int order = 1; order <= 8; order++)
        {
            clock.Restart();
            output.WriteLine($"{order}-gram (Witten-Bell, train → validation): {new NGramModel(order, train).CrossEntropy(validation):F4} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        output.WriteLine(SyntheticCorpus.Decode(validation.AsSpan(0, 600)));
    }

    [Fact(Skip = "measurement for docs/data.md; run by hand")]
    public void Print_oracles_across_seeds_and_settings()
    {
        for (int seed = 0; seed < 5; seed++)
            Row($"seed {seed}", new SyntheticCorpusOptions { Seed = seed, TrainTokens = 1 });
        Row("lexicon 2048", new SyntheticCorpusOptions { LexiconSize = 2048, TrainTokens = 1 });
        Row("lexicon 8192", new SyntheticCorpusOptions { LexiconSize = 8192, TrainTokens = 1 });
        Row("topics 32 (8 groups)", new SyntheticCorpusOptions { Topics = 32, TopicGroups = 8, TrainTokens = 1 });
        Row("one topic", new SyntheticCorpusOptions { Topics = 1, TopicGroups = 1, TrainTokens = 1 });
        Row("Zipf 1.3", new SyntheticCorpusOptions { ZipfExponent = 1.3, TrainTokens = 1 });
    }

    void Row(string name, SyntheticCorpusOptions options)
    {
        var corpus = SyntheticCorpus.Create(options);
        output.WriteLine($"{name}: oracle {corpus.OracleLossNatsPerToken(corpus.Validation):F4}, windows of 128 {corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128):F4}, " +
            $"windows of 64 {corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 64):F4}, unigram {corpus.UnigramEntropyNats():F4}, bytes/word {corpus.MeanBytesPerWord:F2}");
    }
}

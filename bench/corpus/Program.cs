using NanoLM.Data;
using NanoLM.Data.Synthetic;
using NanoLM.Tests.Data;

// Prints the numbers docs/data.md quotes: `dotnet run -c Release --project bench/corpus`.
Measurements.PrintDocumentedNumbers();
Measurements.PrintOraclesAcrossSeedsAndSettings();

static class Measurements
{
    public static void PrintDocumentedNumbers()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var corpus = SyntheticCorpus.Create(new SyntheticCorpusOptions { Seed = 0 });
        Console.WriteLine($"generate: {clock.Elapsed.TotalSeconds:F2} s; lexicon {corpus.LexiconSize}, states {corpus.HiddenStates}, bytes/word {corpus.MeanBytesPerWord:F3}");
        clock.Restart();
        Console.WriteLine($"oracle (full history): {corpus.OracleLossNatsPerToken(corpus.Validation):F4} nats/byte ({clock.Elapsed.TotalSeconds:F2} s)");
        clock.Restart();
        Console.WriteLine($"oracle (windows of 128): {corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128):F4} nats/byte ({clock.Elapsed.TotalSeconds:F2} s)");
        Console.WriteLine($"unigram entropy: {corpus.UnigramEntropyNats():F4}");
        var train = corpus.Train.ReadAll();
        var validation = corpus.Validation.ReadAll();
        for (int order = 1; order <= 8; order++)
        {
            clock.Restart();
            Console.WriteLine($"{order}-gram (Witten-Bell, train → validation): {new NGramModel(order, train).CrossEntropy(validation):F4} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        Console.WriteLine(SyntheticCorpus.Decode(validation.AsSpan(0, 600)));
    }

    public static void PrintOraclesAcrossSeedsAndSettings()
    {
        for (int seed = 0; seed < 5; seed++)
            Row($"seed {seed}", new SyntheticCorpusOptions { Seed = seed, TrainTokens = 1 });
        Row("lexicon 2048", new SyntheticCorpusOptions { LexiconSize = 2048, TrainTokens = 1 });
        Row("lexicon 8192", new SyntheticCorpusOptions { LexiconSize = 8192, TrainTokens = 1 });
        Row("topics 32 (8 groups)", new SyntheticCorpusOptions { Topics = 32, TopicGroups = 8, TrainTokens = 1 });
        Row("one topic", new SyntheticCorpusOptions { Topics = 1, TopicGroups = 1, TrainTokens = 1 });
        Row("Zipf 1.3", new SyntheticCorpusOptions { ZipfExponent = 1.3, TrainTokens = 1 });
    }

    static void Row(string name, SyntheticCorpusOptions options)
    {
        var corpus = SyntheticCorpus.Create(options);
        Console.WriteLine($"{name}: oracle {corpus.OracleLossNatsPerToken(corpus.Validation):F4}, windows of 128 {corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128):F4}, " +
            $"windows of 64 {corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 64):F4}, unigram {corpus.UnigramEntropyNats():F4}, bytes/word {corpus.MeanBytesPerWord:F2}");
    }
}

using NanoLM.Data.Synthetic;
using NanoLM.Data;
using NanoLM.Randomness;

namespace NanoLM.Tests.Data;

public sealed class SyntheticCorpusTests
{
    static readonly SyntheticCorpusOptions Small = new() { Seed = 7, TrainTokens = 400_000, ValidationTokens = 40_000, LexiconSize = 1024, Topics = 8 };

    // Two groups of two topics and the smallest lexicon: 32 hidden states, so every hidden path can be enumerated.
    static readonly SyntheticCorpusOptions Tiny = new() { Seed = 3, TrainTokens = 64, ValidationTokens = 64, LexiconSize = 40, Topics = 4, TopicGroups = 2 };

    [Fact]
    public void Same_seed_gives_the_same_corpus()
    {
        var a = SyntheticCorpus.Create(Small);
        var b = SyntheticCorpus.Create(Small);
        Assert.Equal(a.Train.ReadAll(), b.Train.ReadAll());
        Assert.Equal(a.Validation.ReadAll(), b.Validation.ReadAll());
    }

    [Fact]
    public void Different_seeds_give_different_corpora()
    {
        var a = SyntheticCorpus.Create(Small);
        var b = SyntheticCorpus.Create(Small with { Seed = 8 });
        Assert.NotEqual(a.Validation.ReadAll(), b.Validation.ReadAll());
    }

    [Fact]
    public void Streams_have_the_requested_sizes_and_are_byte_level()
    {
        var corpus = SyntheticCorpus.Create(Small);
        Assert.Equal(Small.TrainTokens, corpus.Train.Count);
        Assert.Equal(Small.ValidationTokens, corpus.Validation.Count);
        Assert.Equal(256, corpus.Validation.VocabularySize);
        Assert.All(corpus.Validation.ReadAll(), t => Assert.True(t is ' ' or '.' or '?' or '!' or (>= 'a' and <= 'z')));
        Assert.Equal(1024, corpus.LexiconSize);
        Assert.Equal(64, corpus.HiddenStates);
    }

    [Fact]
    public void Every_state_emits_and_moves_with_total_probability_one()
    {
        var language = new SyntheticLanguage(Small);
        for (int state = 0; state < language.StateCount; state++)
        {
            Assert.Equal(1.0, language.Emission[state].Sum(), 12);
            Assert.Equal(1.0, Enumerable.Range(0, language.StateCount).Sum(to => language.Transition[state, to]), 12);
        }
        Assert.Equal(1.0, language.Stationary.Sum(), 12);
    }

    [Fact]
    public void Topics_that_do_not_divide_into_groups_are_a_user_error()
    {
        Assert.Throws<UserError>(() => SyntheticCorpus.Create(Tiny with { Topics = 5 }));
    }

    [Fact]
    public void Oracle_loss_equals_a_brute_force_sum_over_hidden_paths()
    {
        var language = new SyntheticLanguage(Tiny);
        int[] stream = FirstWords(language.Sample(200, SplitMix64.For(11, 0)), words: 4);

        string[] words = SyntheticCorpus.Decode(stream).TrimEnd().Split(' ');
        int[] ids = [.. words.Select(w => language.WordIds[w])];
        double probability = 0;
        int states = language.StateCount;
        for (long path = 0; path < (long)Math.Pow(states, ids.Length); path++)
        {
            double p = 1;
            long rest = path;
            int previous = -1;
            foreach (int word in ids)
            {
                int state = (int)(rest % states);
                rest /= states;
                p *= (previous < 0 ? language.Stationary[state] : language.Transition[previous, state]) * language.Emission[state][word];
                previous = state;
            }
            probability += p;
        }

        var corpus = SyntheticCorpus.Create(Tiny);
        double oracle = corpus.OracleLossNatsPerToken(new InMemoryTokenSource(stream, 256));
        Assert.Equal(-Math.Log(probability) / stream.Length, oracle, 12);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 2)]
    [InlineData(3, 9)]
    [InlineData(17, 30)]
    public void Window_probabilities_of_every_next_byte_sum_to_the_window_probability(int start, int length)
    {
        var language = new SyntheticLanguage(Tiny);
        var oracle = new SyntheticOracle(language);
        int[] stream = language.Sample(200, SplitMix64.For(12, 0));
        var window = stream.AsSpan(start, length).ToArray();

        double sum = Enumerable.Range(0, 256).Sum(b => Math.Exp(oracle.LogProbabilityOfWindow([.. window, b])));
        Assert.Equal(Math.Exp(oracle.LogProbabilityOfWindow(window)), sum, 12);
        Assert.Equal(1.0, Enumerable.Range(0, 256).Sum(b => Math.Exp(oracle.LogProbabilityOfByte(b))), 12);
    }

    [Fact]
    public void Stream_probabilities_of_every_next_byte_sum_to_one_step_earlier()
    {
        var language = new SyntheticLanguage(Tiny);
        var oracle = new SyntheticOracle(language);
        int[] stream = language.Sample(40, SplitMix64.For(13, 0));
        for (int length = 0; length < stream.Length; length += 7)
        {
            int[] prefix = stream[..length];
            double sum = Enumerable.Range(0, 256).Sum(b => Math.Exp(oracle.LogProbabilityFromStart([.. prefix, b])));
            Assert.Equal(Math.Exp(oracle.LogProbabilityFromStart(prefix)), sum, 12);
        }
    }

    [Fact]
    public void Oracle_loss_is_below_the_unigram_entropy_and_below_a_bigram_model_trained_on_train()
    {
        var corpus = SyntheticCorpus.Create(Small);
        double oracle = corpus.OracleLossNatsPerToken(corpus.Validation);
        double windowed = corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128);
        double bigram = new NGramModel(2, corpus.Train.ReadAll()).CrossEntropy(corpus.Validation.ReadAll());

        Assert.InRange(oracle, 0.3, corpus.UnigramEntropyNats() - 1.0);
        Assert.True(bigram > oracle + 0.5, $"bigram {bigram:F3} vs oracle {oracle:F3}");
        Assert.InRange(windowed, oracle, oracle + 0.1);
    }

    [Fact]
    public void Windowed_oracle_on_explicit_offsets_matches_the_default_tiling()
    {
        var corpus = SyntheticCorpus.Create(Small);
        long[] tiling = [.. Enumerable.Range(0, (int)((corpus.Validation.Count - 1) / 128)).Select(i => 128L * i)];
        Assert.Equal(corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128),
            corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128, tiling), 12);
        double evenlySpaced = corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128, [.. Enumerable.Range(0, 50).Select(i => 777L * i + 5)]);
        Assert.InRange(evenlySpaced, corpus.OracleLossNatsPerToken(corpus.Validation) - 0.1, corpus.WindowedOracleLossNatsPerToken(corpus.Validation, 128) + 0.1);
    }

    [Fact]
    public void Stream_that_is_not_of_the_language_is_refused()
    {
        var corpus = SyntheticCorpus.Create(Tiny);
        var foreign = new InMemoryTokenSource([.. "qqqqxq zz "u8.ToArray().Select(b => (int)b)], 256);
        Assert.Throws<ArgumentException>(() => corpus.OracleLossNatsPerToken(foreign));
    }

    static int[] FirstWords(int[] stream, int words)
    {
        int seen = 0;
        for (int i = 0; i < stream.Length; i++)
            if (stream[i] == ' ' && ++seen == words) return stream[..(i + 1)];
        throw new InvalidOperationException("stream too short");
    }
}

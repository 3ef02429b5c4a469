using NanoLM.Data.Synthetic;
using NanoLM.Runs;
using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class SyntheticLanguageSpecTests
{
    static readonly SpecLoadOptions Options = new() { MemoryBudgetBytes = 64L << 30 };

    static ExperimentSpec Read(string dataKeys) =>
        SpecLoader.Parse($"data:\n  source: synthetic\n  seed: 3\n{dataKeys}", "nanolm.yaml", Options).SpecOrThrow();

    static string Identity(ExperimentSpec spec) =>
        ResolvedSettings.For(spec, 64, 0, 1000, Hyperparameters.FromSpec(spec)).ComputeIdentity();

    [Fact]
    public void The_language_keys_reach_the_corpus_and_are_written_back()
    {
        var spec = Read("  lexicon_size: 1024\n  topics: 2\n  zipf_exponent: 1.3\n  topic_switch: 0.2\n");
        var options = spec.Data.Language.Options(spec.Data.Seed);
        Assert.Equal((3, 1024, 2, 2, 1.3, 0.2),
            (options.Seed, options.LexiconSize, options.Topics, options.TopicGroups, options.ZipfExponent, options.TopicSwitchProbability));

        using var data = ExperimentData.Open(spec, ".");
        Assert.Equal(1024, data.Corpus!.LexiconSize);
        Assert.Equal(2 * 8, data.Corpus.HiddenStates);

        var again = SpecLoader.Parse(SpecWriter.ToYaml(spec), "nanolm.yaml", Options).SpecOrThrow();
        Assert.Equal(spec.Data.Language, again.Data.Language);
        Assert.Equal("lexicon_size: 1024, topics: 2, topic_groups: 2, zipf_exponent: 1.3, topic_switch: 0.2", spec.Data.Language.Describe());
        Assert.Equal("", Read("  topics: 16\n").Data.Language.Describe());
    }

    [Fact]
    public void Unset_keys_give_the_documented_corpus_and_topic_groups_default_to_a_divisor_of_the_topics()
    {
        var documented = new SyntheticCorpusOptions();
        var options = Read("").Data.Language.Options(3);
        Assert.Equal(documented with { Seed = 3 }, options);
        Assert.Equal(1, Read("  topics: 1\n").Data.Language.EffectiveTopicGroups);
        Assert.Equal(2, Read("  topics: 6\n").Data.Language.EffectiveTopicGroups);
        Assert.Equal(4, Read("  topics: 32\n").Data.Language.EffectiveTopicGroups);
    }

    [Fact]
    public void A_changed_language_is_a_different_run_and_writing_a_default_value_is_not()
    {
        string plain = Identity(Read(""));
        Assert.Equal(plain, Identity(Read("  lexicon_size: 4096\n  topics: 16\n  topic_groups: 4\n  zipf_exponent: 1.1\n")));
        Assert.NotEqual(plain, Identity(Read("  topics: 1\n")));
        Assert.NotEqual(Identity(Read("  topics: 1\n")), Identity(Read("  lexicon_size: 1024\n")));
        Assert.Contains("\"topics\":1", ResolvedSettings.For(Read("  topics: 1\n"), 64, 0, 1000, new Hyperparameters(0.01, 0.02, 1)).ToCanonicalJson());
    }

    [Fact]
    public void Topic_groups_that_do_not_divide_the_topics_are_an_error_on_their_line_naming_the_valid_ones()
    {
        var result = SpecLoader.Parse("data:\n  topics: 6\n  topic_groups: 4\n", "nanolm.yaml", Options);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.TopicGroupsNotDivisor, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Contains("1, 2, 3, 6", error.Message);
    }

    [Fact]
    public void Out_of_range_values_are_errors_and_language_keys_on_shards_warn()
    {
        var tooSmall = SpecLoader.Parse("data:\n  lexicon_size: 10\n", "nanolm.yaml", Options);
        var error = Assert.Single(tooSmall.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.OutOfRange, 2), (error.Code, error.Line));
        Assert.Contains($"{SyntheticCorpusOptions.MinLexiconSize}", error.Message);

        var shards = SpecLoader.Parse("data:\n  source: shards\n  path: data\n  topics: 2\n", "nanolm.yaml", Options);
        var warning = Assert.Single(shards.Diagnostics, d => d.Code == DiagnosticCodes.KeyNotApplicable);
        Assert.Equal(4, warning.Line);
        Assert.Null(ResolvedSettings.For(shards.SpecOrThrow(), 64, 0, 1000, new Hyperparameters(0.01, 0.02, 1)).Language);
    }
}

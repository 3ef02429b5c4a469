using System.Globalization;
using NanoLM.Data.Synthetic;

namespace NanoLM.Spec;

/// <summary>
/// The `data:` keys that shape the built-in synthetic language. Null keeps the documented corpus's value, so a spec that
/// names none of them trains on exactly the corpus docs/data.md measures.
/// </summary>
public sealed record SyntheticLanguageSpec
{
    public int? LexiconSize { get; init; }
    public int? Topics { get; init; }
    public int? TopicGroups { get; init; }
    public double? ZipfExponent { get; init; }
    public double? TopicSwitchProbability { get; init; }

    static readonly SyntheticCorpusOptions Documented = new();

    /// <summary>Topic groups when unset: the largest of the documented 4, 2 and 1 that divides the topics.</summary>
    public int EffectiveTopicGroups => TopicGroups ?? new[] { Documented.TopicGroups, 2, 1 }.First(g => EffectiveTopics % g == 0);

    public int EffectiveTopics => Topics ?? Documented.Topics;

    /// <summary>The corpus options for data seed <paramref name="seed"/>.</summary>
    public SyntheticCorpusOptions Options(int seed) => new()
    {
        Seed = seed,
        LexiconSize = LexiconSize ?? Documented.LexiconSize,
        Topics = EffectiveTopics,
        TopicGroups = EffectiveTopicGroups,
        ZipfExponent = ZipfExponent ?? Documented.ZipfExponent,
        TopicSwitchProbability = TopicSwitchProbability ?? Documented.TopicSwitchProbability,
    };

    /// <summary>
    /// The same language with every value that equals the documented corpus's (written or not) set to null, so writing
    /// a default value changes no run's identity.
    /// </summary>
    public SyntheticLanguageSpec WithoutDefaults()
    {
        var o = Options(0);
        return new SyntheticLanguageSpec
        {
            LexiconSize = o.LexiconSize == Documented.LexiconSize ? null : o.LexiconSize,
            Topics = o.Topics == Documented.Topics ? null : o.Topics,
            TopicGroups = o.TopicGroups == Documented.TopicGroups ? null : o.TopicGroups,
            ZipfExponent = o.ZipfExponent == Documented.ZipfExponent ? null : o.ZipfExponent,
            TopicSwitchProbability = o.TopicSwitchProbability == Documented.TopicSwitchProbability ? null : o.TopicSwitchProbability,
        };
    }

    /// <summary>Each setting under its nanolm.yaml key, in the order the docs list them; null where unset.</summary>
    public IReadOnlyList<(string Key, object? Value)> Entries() =>
    [
        ("lexicon_size", LexiconSize), ("topics", Topics), ("topic_groups", TopicGroups),
        ("zipf_exponent", ZipfExponent), ("topic_switch", TopicSwitchProbability),
    ];

    /// <summary>The nanolm.yaml keys of the settings (under <c>data:</c>).</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. new SyntheticLanguageSpec().Entries().Select(e => e.Key)];

    /// <summary>The non-default settings as nanolm.yaml writes them ("topics: 1, topic_groups: 1"); empty for the documented corpus.</summary>
    public string Describe() => string.Join(", ", WithoutDefaults().Entries()
        .Where(e => e.Value is not null)
        .Select(e => $"{e.Key}: {Convert.ToString(e.Value, CultureInfo.InvariantCulture)}"));
}

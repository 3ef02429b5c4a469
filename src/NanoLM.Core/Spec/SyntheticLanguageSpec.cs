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

    /// <summary>The non-default settings as nanolm.yaml writes them ("topics: 1, topic_groups: 1"); empty for the documented corpus.</summary>
    public string Describe()
    {
        var changed = WithoutDefaults();
        var parts = new List<string>();
        if (changed.LexiconSize is { } lexicon) parts.Add($"lexicon_size: {lexicon}");
        if (changed.Topics is { } topics) parts.Add($"topics: {topics}");
        if (changed.TopicGroups is { } groups) parts.Add($"topic_groups: {groups}");
        if (changed.ZipfExponent is { } zipf) parts.Add($"zipf_exponent: {zipf.ToString(CultureInfo.InvariantCulture)}");
        if (changed.TopicSwitchProbability is { } topicSwitch) parts.Add($"topic_switch: {topicSwitch.ToString(CultureInfo.InvariantCulture)}");
        return string.Join(", ", parts);
    }
}

namespace NanoLM.Data.Synthetic;

/// <summary>Knobs of the built-in synthetic language; the defaults are the documented corpus (docs/data.md).</summary>
public sealed record SyntheticCorpusOptions
{
    public int Seed { get; init; }

    /// <summary>Bytes (= tokens) in the train stream; our ladders read 1–5 M.</summary>
    public int TrainTokens { get; init; } = 4_000_000;

    /// <summary>Bytes in the validation stream, generated independently of the train stream.</summary>
    public int ValidationTokens { get; init; } = 262_144;

    /// <summary>Distinct words, closed classes and punctuation included.</summary>
    public int LexiconSize { get; init; } = 4096;

    /// <summary>Hidden topics; the hidden state is (topic, role), so the forward pass tracks Topics × 8 states.</summary>
    public int Topics { get; init; } = 16;

    /// <summary>Exponent s of the Zipf law (rank k has weight (k+1)^−s) within each role's vocabulary.</summary>
    public double ZipfExponent { get; init; } = 1.1;

    /// <summary>Topics come in this many groups of related topics (Topics must be a multiple of it).</summary>
    public int TopicGroups { get; init; } = 4;

    /// <summary>Share of a content word's probability from the ranking every topic shares.</summary>
    public double SharedVocabularyWeight { get; init; } = 0.4;

    /// <summary>Share from the ranking the topic's group shares; the rest, 1 − shared − group, is the topic's own.</summary>
    public double GroupVocabularyWeight { get; init; } = 0.3;

    /// <summary>Chance that a sentence end moves to another topic (so a topic lasts about 1/p sentences).</summary>
    public double TopicSwitchProbability { get; init; } = 0.1;

    /// <summary>When the topic changes, the chance that it moves to a topic of the same group.</summary>
    public double WithinGroupSwitchShare { get; init; } = 0.75;

    /// <summary>The fewest words a lexicon can have: the closed classes plus four words for each open role.</summary>
    public static int MinLexiconSize => SyntheticGrammar.ClosedClassWords + 4 * SyntheticGrammar.OpenRoles.Count;

    /// <summary>The most words the syllable inventory spells comfortably.</summary>
    public const int MaxLexiconSize = 100_000;

    public void Validate()
    {
        if (TrainTokens < 1 || ValidationTokens < 1)
            throw new UserError("synthetic corpus: train and validation sizes must be at least one token");
        if (Topics < 1 || Topics > 256)
            throw new UserError($"synthetic corpus: topics must be in [1, 256], not {Topics}");
        if (LexiconSize < MinLexiconSize)
            throw new UserError($"synthetic corpus: the lexicon needs at least {MinLexiconSize} words, not {LexiconSize}");
        if (LexiconSize > MaxLexiconSize)
            throw new UserError($"synthetic corpus: a lexicon of {LexiconSize} words is more than the syllable inventory spells comfortably (max {MaxLexiconSize})");
        if (TopicGroups < 1 || Topics % TopicGroups != 0)
            throw new UserError($"synthetic corpus: topics ({Topics}) must be a multiple of topic groups ({TopicGroups})");
        if (!(ZipfExponent > 0) || !(SharedVocabularyWeight >= 0) || !(GroupVocabularyWeight >= 0) || !(SharedVocabularyWeight + GroupVocabularyWeight <= 1)
            || !(TopicSwitchProbability is >= 0 and <= 1) || !(WithinGroupSwitchShare is >= 0 and <= 1))
            throw new UserError("synthetic corpus: need ZipfExponent > 0, vocabulary weights ≥ 0 summing to at most 1, and switch probabilities in [0, 1]");
    }
}

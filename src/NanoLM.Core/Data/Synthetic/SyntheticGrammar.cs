namespace NanoLM.Data.Synthetic;

/// <summary>The fixed part of the synthetic language: eight word roles and the chance of each role following another.</summary>
/// <remarks>
/// Content words (adjective, noun, verb, adverb) carry the topic; function words and punctuation do not. The roles
/// give sentences a shape a small model learns early; which content word appears is what wider models keep learning.
/// </remarks>
internal static class SyntheticGrammar
{
    public const int Determiner = 0, Adjective = 1, Noun = 2, Verb = 3, Adverb = 4, Preposition = 5, Conjunction = 6, End = 7;
    public const int RoleCount = 8;

    public static IReadOnlyList<string> RoleNames { get; } = ["determiner", "adjective", "noun", "verb", "adverb", "preposition", "conjunction", "end"];

    public static IReadOnlyList<int> OpenRoles { get; } = [Adjective, Noun, Verb, Adverb];

    /// <summary>Share of the open-class vocabulary each open role gets.</summary>
    public static double OpenRoleShare(int role) => role switch
    {
        Adjective => 0.20,
        Noun => 0.40,
        Verb => 0.28,
        Adverb => 0.12,
        _ => 0,
    };

    /// <summary>Vocabulary size of each closed role.</summary>
    public static int ClosedRoleSize(int role) => role switch
    {
        Determiner => 6,
        Preposition => 10,
        Conjunction => 5,
        End => Punctuation.Count,
        _ => 0,
    };

    public static int ClosedClassWords => ClosedRoleSize(Determiner) + ClosedRoleSize(Preposition) + ClosedRoleSize(Conjunction) + ClosedRoleSize(End);

    /// <summary>Sentence ends, most frequent first.</summary>
    public static IReadOnlyList<string> Punctuation { get; } = [".", "?", "!"];

    /// <summary>P(next role | role); each row sums to 1.</summary>
    public static double[,] RoleTransitions { get; } = Build();

    static double[,] Build()
    {
        var t = new double[RoleCount, RoleCount];
        void Row(int from, params (int To, double P)[] next)
        {
            foreach (var (to, p) in next) t[from, to] = p;
        }
        Row(End, (Determiner, 0.45), (Noun, 0.20), (Adjective, 0.10), (Adverb, 0.10), (Conjunction, 0.05), (Preposition, 0.10));
        Row(Determiner, (Adjective, 0.30), (Noun, 0.70));
        Row(Adjective, (Adjective, 0.15), (Noun, 0.85));
        Row(Noun, (Verb, 0.45), (Preposition, 0.20), (Conjunction, 0.10), (End, 0.25));
        Row(Verb, (Determiner, 0.35), (Noun, 0.15), (Adverb, 0.15), (Preposition, 0.15), (End, 0.20));
        Row(Adverb, (Verb, 0.40), (Adjective, 0.20), (Preposition, 0.20), (End, 0.20));
        Row(Preposition, (Determiner, 0.60), (Noun, 0.30), (Adjective, 0.10));
        Row(Conjunction, (Determiner, 0.40), (Noun, 0.30), (Verb, 0.30));
        return t;
    }
}

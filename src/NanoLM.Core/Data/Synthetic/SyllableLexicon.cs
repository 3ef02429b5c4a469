using System.Text;
using NanoLM.Randomness;

namespace NanoLM.Data.Synthetic;

/// <summary>Words spelled from syllables, grouped by role, most frequent first within each role.</summary>
/// <remarks>
/// Frequent words are short (as in natural languages), long content words end in one of a few syllables that mark
/// their role, and sounds follow phonotactic preferences (vowel given consonant, coda given vowel, next consonant given
/// coda), so spelling carries graded local structure on top of the hard part: which word comes next.
/// </remarks>
internal sealed class SyllableLexicon
{
    static readonly string[] Onsets = ["", "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "dr", "kl", "st", "tr", "sk", "pl", "gr", "sh", "ch", "th"];
    static readonly string[] Nuclei = ["a", "e", "i", "o", "u", "ai", "ou", "ee", "ia"];
    static readonly string[] Codas = ["", "n", "r", "s", "l", "m", "k", "nd", "st"];
    const int EndingsPerRole = 3;

    readonly SplitMix64 _random;
    const int WordStart = -1;

    readonly Inventory _firstOnsets;
    readonly Inventory[] _onsetsAfterCoda, _nucleiAfterOnset, _codasAfterNucleus;
    readonly HashSet<string> _taken = new(SyntheticGrammar.Punctuation, StringComparer.Ordinal);

    public SyllableLexicon(SyntheticCorpusOptions options)
    {
        _random = SplitMix64.For(options.Seed, stream: 1);
        _firstOnsets = WeightedInventory(Onsets.Length);
        _onsetsAfterCoda = [.. Codas.Select(_ => WeightedInventory(Onsets.Length))];
        _nucleiAfterOnset = [.. Onsets.Select(_ => WeightedInventory(Nuclei.Length))];
        _codasAfterNucleus = [.. Nuclei.Select(_ => WeightedInventory(Codas.Length))];

        var roleSizes = RoleSizes(options.LexiconSize);
        var byRole = new IReadOnlyList<string>[SyntheticGrammar.RoleCount];
        for (int role = 0; role < SyntheticGrammar.RoleCount; role++)
        {
            if (role == SyntheticGrammar.End)
                byRole[role] = SyntheticGrammar.Punctuation;
            else if (SyntheticGrammar.OpenRoles.Contains(role))
            {
                string[] endings = [.. Enumerable.Range(0, EndingsPerRole).Select(_ => Syllable(WordStart).Text)];
                byRole[role] = [.. Enumerable.Range(0, roleSizes[role]).Select(rank => ContentWord(SyllablesForRank(rank, roleSizes[role]), endings))];
            }
            else
                byRole[role] = [.. Enumerable.Range(0, roleSizes[role]).Select(_ => UniqueWord(() => Syllable(WordStart).Text))];
        }
        WordsByRole = byRole;
    }

    /// <summary>Words of each role, most frequent (in the topic-independent ranking) first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> WordsByRole { get; }

    static int[] RoleSizes(int lexiconSize)
    {
        int openWords = lexiconSize - SyntheticGrammar.ClosedClassWords;
        var sizes = new int[SyntheticGrammar.RoleCount];
        for (int role = 0; role < SyntheticGrammar.RoleCount; role++)
            sizes[role] = SyntheticGrammar.OpenRoles.Contains(role)
                ? Math.Max(4, (int)Math.Round(openWords * SyntheticGrammar.OpenRoleShare(role)))
                : SyntheticGrammar.ClosedRoleSize(role);
        // Rounding leftovers go to the largest role so the lexicon has exactly the requested size.
        sizes[SyntheticGrammar.Noun] += lexiconSize - sizes.Sum();
        return sizes;
    }

    // Zipf's law of abbreviation: the top 1 % of a role are one syllable, then two, three and four.
    static int SyllablesForRank(int rank, int size)
    {
        double quantile = (rank + 0.5) / size;
        return quantile < 0.01 ? 1 : quantile < 0.15 ? 2 : quantile < 0.6 ? 3 : 4;
    }

    string ContentWord(int syllables, string[] roleEndings) => UniqueWord(() =>
    {
        if (syllables == 1) return Syllable(WordStart).Text;
        var word = new StringBuilder();
        int coda = WordStart;
        for (int s = 0; s < syllables - 1; s++)
        {
            (string text, coda) = Syllable(coda);
            word.Append(text);
        }
        return word.Append(roleEndings[_random.NextInt(roleEndings.Length)]).ToString();
    });

    string UniqueWord(Func<string> draw)
    {
        while (true)
        {
            string word = draw();
            if (_taken.Add(word)) return word;
        }
    }

    // Each sound is drawn given the one before it, a chain a small model can learn long before it memorises words.
    (string Text, int Coda) Syllable(int previousCoda)
    {
        int onset = (previousCoda == WordStart ? _firstOnsets : _onsetsAfterCoda[previousCoda]).Draw(_random);
        int nucleus = _nucleiAfterOnset[onset].Draw(_random);
        int coda = _codasAfterNucleus[nucleus].Draw(_random);
        return (Onsets[onset] + Nuclei[nucleus] + Codas[coda], coda);
    }

    // Uneven sound frequencies (a shuffled Zipf law over the inventory) make spelling itself learnable.
    Inventory WeightedInventory(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        _random.Shuffle(order);
        var cumulative = new double[count];
        double total = 0;
        for (int k = 0; k < count; k++)
            cumulative[k] = total += 1.0 / Math.Pow(k + 1, 1.0);
        return new Inventory(order, cumulative);
    }

    sealed record Inventory(int[] Order, double[] Cumulative)
    {
        public int Draw(SplitMix64 random) => Order[random.Sample(Cumulative)];
    }
}

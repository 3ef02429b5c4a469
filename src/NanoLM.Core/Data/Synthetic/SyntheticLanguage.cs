using System.Text;
using NanoLM.Randomness;

namespace NanoLM.Data.Synthetic;

/// <summary>The generating process: a hidden Markov chain over (topic, role) states, each emitting one word and a space.</summary>
/// <remarks>
/// Words are spelled deterministically and contain no space, so a byte stream splits into words in exactly one way and
/// the exact probability of any stream is a word-level forward pass over Topics × 8 states.
/// </remarks>
internal sealed class SyntheticLanguage
{
    public const byte Space = (byte)' ';

    readonly double[][] _emissionCumulative;
    readonly int[][] _roleWords;

    public SyntheticLanguage(SyntheticCorpusOptions options)
    {
        options.Validate();
        Topics = options.Topics;
        var lexicon = new SyllableLexicon(options);

        var words = new List<string>();
        var roleOfWord = new List<int>();
        _roleWords = new int[SyntheticGrammar.RoleCount][];
        for (int role = 0; role < SyntheticGrammar.RoleCount; role++)
        {
            var ids = new List<int>();
            foreach (string word in lexicon.WordsByRole[role])
            {
                ids.Add(words.Count);
                words.Add(word);
                roleOfWord.Add(role);
            }
            _roleWords[role] = [.. ids];
        }
        Words = [.. words];
        RoleOfWord = [.. roleOfWord];
        Spellings = [.. Words.Select(w => Encoding.ASCII.GetBytes(w + " "))];
        WordIds = Words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);

        Emission = BuildEmissions(options, SplitMix64.For(options.Seed, stream: 2));
        Transition = BuildTransitions(options);
        Stationary = StationaryDistribution(Transition);
        _emissionCumulative = [.. Enumerable.Range(0, StateCount).Select(state =>
        {
            int[] candidates = _roleWords[RoleOf(state)];
            var cumulative = new double[candidates.Length];
            double total = 0;
            for (int i = 0; i < candidates.Length; i++) cumulative[i] = total += Emission[state][candidates[i]];
            return cumulative;
        })];
        MeanBytesPerWord = Enumerable.Range(0, StateCount).Sum(state =>
            Stationary[state] * _roleWords[RoleOf(state)].Sum(w => Emission[state][w] * Spellings[w].Length));
    }

    public int Topics { get; }

    public int StateCount => Topics * SyntheticGrammar.RoleCount;

    public string[] Words { get; }

    public int[] RoleOfWord { get; }

    /// <summary>Each word's bytes followed by its space.</summary>
    public byte[][] Spellings { get; }

    public IReadOnlyDictionary<string, int> WordIds { get; }

    /// <summary>P(word | state), dense [state][word]; zero outside the state's role.</summary>
    public double[][] Emission { get; }

    /// <summary>P(next state | state), [from, to].</summary>
    public double[,] Transition { get; }

    /// <summary>The chain's stationary distribution; streams start from it.</summary>
    public double[] Stationary { get; }

    /// <summary>Expected bytes of a word with its space, weighted by the stationary chain.</summary>
    public double MeanBytesPerWord { get; }

    public int RoleOf(int state) => state % SyntheticGrammar.RoleCount;

    public int TopicOf(int state) => state / SyntheticGrammar.RoleCount;

    public int StateOf(int topic, int role) => topic * SyntheticGrammar.RoleCount + role;

    /// <summary>Word ids of the given role.</summary>
    public ReadOnlySpan<int> WordsOfRole(int role) => _roleWords[role];

    /// <summary>Samples a stream of exactly <paramref name="length"/> bytes; the last word may be cut short.</summary>
    public int[] Sample(int length, SplitMix64 random)
    {
        var tokens = new int[length];
        var stationaryCumulative = Cumulative(Stationary);
        int state = random.Sample(stationaryCumulative);
        var transitionCumulative = Enumerable.Range(0, StateCount)
            .Select(from => Cumulative([.. Enumerable.Range(0, StateCount).Select(to => Transition[from, to])]))
            .ToArray();
        int position = 0;
        while (position < length)
        {
            int word = _roleWords[RoleOf(state)][random.Sample(_emissionCumulative[state])];
            foreach (byte b in Spellings[word])
            {
                if (position == length) break;
                tokens[position++] = b;
            }
            state = random.Sample(transitionCumulative[state]);
        }
        return tokens;
    }

    static double[] Cumulative(double[] probabilities)
    {
        var cumulative = new double[probabilities.Length];
        double total = 0;
        for (int i = 0; i < probabilities.Length; i++) cumulative[i] = total += probabilities[i];
        return cumulative;
    }

    // A content word's probability mixes three Zipf rankings of the role's words: one shared by all topics, one shared
    // by the topic's group, one the topic's own. Associations of three strengths give wider models more to learn.
    // Function words and punctuation follow the shared ranking only.
    double[][] BuildEmissions(SyntheticCorpusOptions options, SplitMix64 random)
    {
        var emission = new double[StateCount][];
        for (int state = 0; state < StateCount; state++) emission[state] = new double[Words.Length];
        int topicsPerGroup = Topics / options.TopicGroups;
        for (int role = 0; role < SyntheticGrammar.RoleCount; role++)
        {
            int[] ids = _roleWords[role];
            double[] zipf = ZipfWeights(ids.Length, options.ZipfExponent);
            bool topical = SyntheticGrammar.OpenRoles.Contains(role);
            int[][] groupRanks = [.. Enumerable.Range(0, options.TopicGroups).Select(_ => Permutation(ids.Length, random, topical))];
            for (int topic = 0; topic < Topics; topic++)
            {
                int[] topicRank = Permutation(ids.Length, random, topical);
                int[] groupRank = groupRanks[topic / topicsPerGroup];
                double shared = topical ? options.SharedVocabularyWeight : 1.0;
                double group = topical ? options.GroupVocabularyWeight : 0.0;
                var row = emission[StateOf(topic, role)];
                for (int rank = 0; rank < ids.Length; rank++)
                {
                    row[ids[rank]] += shared * zipf[rank];
                    row[ids[groupRank[rank]]] += group * zipf[rank];
                    row[ids[topicRank[rank]]] += (1 - shared - group) * zipf[rank];
                }
            }
        }
        return emission;
    }

    static int[] Permutation(int count, SplitMix64 random, bool shuffle)
    {
        int[] order = [.. Enumerable.Range(0, count)];
        if (shuffle) random.Shuffle(order);
        return order;
    }

    static double[] ZipfWeights(int count, double exponent)
    {
        var weights = Enumerable.Range(0, count).Select(k => Math.Pow(k + 1, -exponent)).ToArray();
        double total = weights.Sum();
        return [.. weights.Select(w => w / total)];
    }

    // Roles follow the grammar; the topic changes only after a sentence end, usually to a topic of the same group.
    double[,] BuildTransitions(SyntheticCorpusOptions options)
    {
        var topicMove = TopicTransitions(options);
        var transition = new double[StateCount, StateCount];
        for (int from = 0; from < StateCount; from++)
            for (int to = 0; to < StateCount; to++)
            {
                double role = SyntheticGrammar.RoleTransitions[RoleOf(from), RoleOf(to)];
                bool sameTopic = TopicOf(from) == TopicOf(to);
                double topic = RoleOf(from) == SyntheticGrammar.End ? topicMove[TopicOf(from), TopicOf(to)] : (sameTopic ? 1 : 0);
                transition[from, to] = role * topic;
            }
        return transition;
    }

    // P(next topic | topic) at a sentence end; when a group has one topic (or there is one group) the switch mass
    // that has nowhere to go stays on the current topic.
    double[,] TopicTransitions(SyntheticCorpusOptions options)
    {
        int topicsPerGroup = Topics / options.TopicGroups;
        var move = new double[Topics, Topics];
        for (int from = 0; from < Topics; from++)
        {
            int sameGroupOthers = topicsPerGroup - 1;
            int otherGroupTopics = Topics - topicsPerGroup;
            double within = sameGroupOthers > 0 ? options.TopicSwitchProbability * (otherGroupTopics > 0 ? options.WithinGroupSwitchShare : 1) : 0;
            double across = otherGroupTopics > 0 ? options.TopicSwitchProbability * (sameGroupOthers > 0 ? 1 - options.WithinGroupSwitchShare : 1) : 0;
            for (int to = 0; to < Topics; to++)
            {
                bool sameGroup = from / topicsPerGroup == to / topicsPerGroup;
                move[from, to] = to == from ? 1 - within - across
                    : sameGroup ? within / sameGroupOthers
                    : across / otherGroupTopics;
            }
        }
        return move;
    }

    static double[] StationaryDistribution(double[,] transition)
    {
        int n = transition.GetLength(0);
        var p = Enumerable.Repeat(1.0 / n, n).ToArray();
        // The chain is aperiodic (adjective → adjective) and irreducible, so power iteration converges.
        for (int iteration = 0; iteration < 10_000; iteration++)
        {
            var next = new double[n];
            for (int from = 0; from < n; from++)
                for (int to = 0; to < n; to++)
                    next[to] += p[from] * transition[from, to];
            double change = 0;
            for (int i = 0; i < n; i++) change += Math.Abs(next[i] - p[i]);
            p = next;
            if (change < 1e-15) break;
        }
        return p;
    }
}

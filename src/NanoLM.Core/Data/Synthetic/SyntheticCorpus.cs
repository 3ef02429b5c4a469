using NanoLM.Randomness;
namespace NanoLM.Data.Synthetic;

/// <summary>The built-in corpus: byte-level text from a seeded hidden-Markov language whose exact loss is known.</summary>
/// <remarks>
/// <c>data: { source: synthetic, seed: N }</c>. Everything is generated in memory from the seed; the train and
/// validation streams are independent draws from the same language. See docs/data.md for its design and numbers.
/// </remarks>
public sealed class SyntheticCorpus
{
    public const int VocabularySize = 256;

    readonly SyntheticLanguage _language;
    readonly SyntheticOracle _oracle;

    SyntheticCorpus(SyntheticCorpusOptions options)
    {
        Options = options;
        _language = new SyntheticLanguage(options);
        _oracle = new SyntheticOracle(_language);
        Train = new InMemoryTokenSource(_language.Sample(options.TrainTokens, SplitMix64.For(options.Seed, stream: 3)), VocabularySize);
        Validation = new InMemoryTokenSource(_language.Sample(options.ValidationTokens, SplitMix64.For(options.Seed, stream: 4)), VocabularySize);
    }

    /// <summary>Generates the corpus for <paramref name="options"/> (default sizes: 4 M train, 256 Ki validation bytes).</summary>
    public static SyntheticCorpus Create(SyntheticCorpusOptions? options = null) => new(options ?? new SyntheticCorpusOptions());

    /// <summary>Shorthand for the default corpus with a given seed.</summary>
    public static SyntheticCorpus Create(int seed) => Create(new SyntheticCorpusOptions { Seed = seed });

    public SyntheticCorpusOptions Options { get; }

    public ITokenSource Train { get; }

    public ITokenSource Validation { get; }

    /// <summary>Distinct words in the language.</summary>
    public int LexiconSize => _language.Words.Length;

    /// <summary>Hidden states the forward pass tracks (topics × roles).</summary>
    public int HiddenStates => _language.StateCount;

    /// <summary>Expected bytes per word, space included.</summary>
    public double MeanBytesPerWord => _language.MeanBytesPerWord;

    /// <summary>
    /// The exact cross-entropy, in nats per token, of the generating process on a stream of this language that begins
    /// at a word boundary (as <see cref="Train"/> and <see cref="Validation"/> do), each token predicted from the whole
    /// stream before it. No model can do better in expectation.
    /// </summary>
    public double OracleLossNatsPerToken(ITokenSource tokens)
    {
        var all = tokens.ReadAll();
        if (all.Length == 0) throw new ArgumentException("the token source is empty", nameof(tokens));
        return -CheckedLog(_oracle.LogProbabilityFromStart(all)) / all.Length;
    }

    /// <summary>
    /// The exact cross-entropy of the generating process when, like a model with a context of
    /// <paramref name="contextLength"/>, it sees only its own window: windows start every <paramref name="contextLength"/>
    /// tokens, and token t of a window is predicted from tokens 0..t−1 of that window (t = 1..contextLength), nanoGPT style.
    /// </summary>
    public double WindowedOracleLossNatsPerToken(ITokenSource tokens, int contextLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        var starts = new List<long>();
        for (long start = 0; start + contextLength < tokens.Count; start += contextLength) starts.Add(start);
        if (starts.Count == 0) throw new ArgumentException($"the token source is shorter than one window of {contextLength + 1} tokens", nameof(tokens));
        return WindowedOracleLossNatsPerToken(tokens, contextLength, starts);
    }

    /// <summary>
    /// As above, on exactly the windows a trainer evaluates: each start offset opens a window of
    /// <paramref name="contextLength"/> + 1 tokens (e.g. the offsets of <c>BatchOrder.ValidationOffsets</c>).
    /// </summary>
    public double WindowedOracleLossNatsPerToken(ITokenSource tokens, int contextLength, IReadOnlyList<long> windowStarts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        if (windowStarts.Count == 0) throw new ArgumentException("no windows to score", nameof(windowStarts));
        var window = new int[contextLength + 1];
        double total = 0;
        foreach (long start in windowStarts)
        {
            tokens.Read(start, window);
            total -= CheckedLog(_oracle.LogProbabilityOfWindow(window)) - _oracle.LogProbabilityOfByte(window[0]);
        }
        return total / ((double)windowStarts.Count * contextLength);
    }

    /// <summary>Entropy of the byte frequencies (nats): the loss of the best model that ignores context.</summary>
    public double UnigramEntropyNats()
    {
        double entropy = 0;
        for (int b = 0; b < VocabularySize; b++)
        {
            double logP = _oracle.LogProbabilityOfByte(b);
            if (!double.IsNegativeInfinity(logP)) entropy -= Math.Exp(logP) * logP;
        }
        return entropy;
    }

    /// <summary>Decodes tokens of this corpus to text, for looking at samples.</summary>
    public static string Decode(ReadOnlySpan<int> tokens)
    {
        var chars = new char[tokens.Length];
        for (int i = 0; i < tokens.Length; i++) chars[i] = (char)tokens[i];
        return new string(chars);
    }

    static double CheckedLog(double logProbability) => double.IsNegativeInfinity(logProbability)
        ? throw new ArgumentException("the tokens are not a stream of this synthetic language (a word is not in its lexicon)")
        : logProbability;
}

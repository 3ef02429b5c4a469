namespace NanoLM.Data.Synthetic;

/// <summary>Exact log-probabilities of byte streams under a <see cref="SyntheticLanguage"/>, by a word-level forward pass.</summary>
/// <remarks>
/// A word's bytes are fixed once the word is chosen, so the probability of a stream is a sum over hidden state paths of
/// word probabilities; bytes of an unfinished word are covered by summing over every word with that prefix.
/// </remarks>
internal sealed class SyntheticOracle(SyntheticLanguage language)
{
    readonly double[] _byteFrequency = ByteFrequencies(language);

    /// <summary>ln P(stream) for a stream that starts at a word boundary with the chain in its stationary distribution.</summary>
    public double LogProbabilityFromStart(ReadOnlySpan<int> tokens) =>
        Continue((double[])language.Stationary.Clone(), tokens);

    /// <summary>ln P(bytes) for bytes that start at a random position of an endless stationary stream (maybe mid-word).</summary>
    public double LogProbabilityOfWindow(ReadOnlySpan<int> tokens)
    {
        if (tokens.IsEmpty) return 0;
        int firstSpace = tokens.IndexOf(SyntheticLanguage.Space);
        if (firstSpace < 0)
            return Math.Log(WithinOneWord(tokens));

        // The window opens inside some word: it must end with the bytes up to the first space.
        var tail = tokens[..(firstSpace + 1)];
        var posterior = new double[language.StateCount];
        double total = 0;
        for (int word = 0; word < language.Words.Length; word++)
        {
            if (!EndsWith(language.Spellings[word], tail)) continue;
            int role = language.RoleOfWord[word];
            for (int topic = 0; topic < language.Topics; topic++)
            {
                int state = language.StateOf(topic, role);
                double mass = language.Stationary[state] * language.Emission[state][word];
                posterior[state] += mass;
                total += mass;
            }
        }
        if (total == 0) return double.NegativeInfinity;
        double logTail = Math.Log(total / language.MeanBytesPerWord);
        return logTail + Continue(Advance(posterior, total), tokens[(firstSpace + 1)..]);
    }

    /// <summary>ln P(first byte) in the stationary stream: how often that byte occurs.</summary>
    public double LogProbabilityOfByte(int token) => Math.Log(_byteFrequency[token]);

    // Consumes whole words and a final partial word, starting from the prior over the next word's state.
    double Continue(double[] prior, ReadOnlySpan<int> tokens)
    {
        double logProbability = 0;
        var posterior = new double[language.StateCount];
        Span<byte> spelling = stackalloc byte[256];
        int start = 0;
        while (start < tokens.Length)
        {
            int space = tokens[start..].IndexOf(SyntheticLanguage.Space);
            if (space < 0)
                return logProbability + Math.Log(PrefixMass(prior, tokens[start..]));
            int word = WordAt(tokens.Slice(start, space), spelling);
            if (word < 0) return double.NegativeInfinity;
            int role = language.RoleOfWord[word];
            Array.Clear(posterior);
            double total = 0;
            for (int topic = 0; topic < language.Topics; topic++)
            {
                int state = language.StateOf(topic, role);
                double mass = prior[state] * language.Emission[state][word];
                posterior[state] = mass;
                total += mass;
            }
            if (total == 0) return double.NegativeInfinity;
            logProbability += Math.Log(total);
            prior = Advance(posterior, total);
            start += space + 1;
        }
        return logProbability;
    }

    // Pushes an unnormalised posterior over the current word's state through the chain to a prior over the next one.
    double[] Advance(double[] posterior, double total)
    {
        var prior = new double[language.StateCount];
        for (int from = 0; from < posterior.Length; from++)
        {
            double p = posterior[from] / total;
            if (p == 0) continue;
            for (int to = 0; to < prior.Length; to++)
                prior[to] += p * language.Transition[from, to];
        }
        return prior;
    }

    int WordAt(ReadOnlySpan<int> letters, Span<byte> scratch)
    {
        if (letters.Length > scratch.Length) return -1;
        for (int i = 0; i < letters.Length; i++)
        {
            if ((uint)letters[i] > 127) return -1;
            scratch[i] = (byte)letters[i];
        }
        string text = System.Text.Encoding.ASCII.GetString(scratch[..letters.Length]);
        return language.WordIds.TryGetValue(text, out int id) ? id : -1;
    }

    double PrefixMass(double[] prior, ReadOnlySpan<int> prefix)
    {
        double mass = 0;
        for (int word = 0; word < language.Words.Length; word++)
        {
            if (!StartsWith(language.Spellings[word], prefix)) continue;
            int role = language.RoleOfWord[word];
            for (int topic = 0; topic < language.Topics; topic++)
            {
                int state = language.StateOf(topic, role);
                mass += prior[state] * language.Emission[state][word];
            }
        }
        return mass;
    }

    // A window with no space lies inside one word: count every place it occurs in every spelling.
    double WithinOneWord(ReadOnlySpan<int> bytes)
    {
        double mass = 0;
        for (int word = 0; word < language.Words.Length; word++)
        {
            int occurrences = Occurrences(language.Spellings[word], bytes);
            if (occurrences == 0) continue;
            mass += occurrences * WordFrequency(language, word);
        }
        return mass / language.MeanBytesPerWord;
    }

    // How often a word occurs in a stationary stream (per word).
    static double WordFrequency(SyntheticLanguage language, int word)
    {
        int role = language.RoleOfWord[word];
        double frequency = 0;
        for (int topic = 0; topic < language.Topics; topic++)
        {
            int state = language.StateOf(topic, role);
            frequency += language.Stationary[state] * language.Emission[state][word];
        }
        return frequency;
    }

    static double[] ByteFrequencies(SyntheticLanguage language)
    {
        var frequency = new double[256];
        for (int word = 0; word < language.Words.Length; word++)
        {
            double f = WordFrequency(language, word);
            foreach (byte b in language.Spellings[word]) frequency[b] += f;
        }
        for (int b = 0; b < 256; b++) frequency[b] /= language.MeanBytesPerWord;
        return frequency;
    }

    static bool StartsWith(byte[] spelling, ReadOnlySpan<int> prefix)
    {
        if (prefix.Length > spelling.Length) return false;
        for (int i = 0; i < prefix.Length; i++)
            if (spelling[i] != prefix[i]) return false;
        return true;
    }

    static bool EndsWith(byte[] spelling, ReadOnlySpan<int> suffix)
    {
        int offset = spelling.Length - suffix.Length;
        if (offset < 0) return false;
        for (int i = 0; i < suffix.Length; i++)
            if (spelling[offset + i] != suffix[i]) return false;
        return true;
    }

    static int Occurrences(byte[] spelling, ReadOnlySpan<int> bytes)
    {
        int count = 0;
        for (int offset = 0; offset + bytes.Length <= spelling.Length; offset++)
        {
            bool match = true;
            for (int i = 0; i < bytes.Length && match; i++)
                match = spelling[offset + i] == bytes[i];
            if (match) count++;
        }
        return count;
    }
}

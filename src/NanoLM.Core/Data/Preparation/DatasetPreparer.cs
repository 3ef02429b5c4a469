using System.Diagnostics;
using NanoLM.Data.Shards;
using NanoLM.Data.Tokenizers;

namespace NanoLM.Data.Preparation;

/// <summary>`data prepare`: tokenizes inputs into a train shard, a validation shard and a manifest in one folder.</summary>
public static class DatasetPreparer
{
    public const double DefaultValidationFraction = 0.05;

    /// <summary>Prepares <paramref name="outputDirectory"/>; nothing is left half-written if an input turns out to be bad.</summary>
    public static DatasetManifest Prepare(
        IReadOnlyList<string> inputs,
        string outputDirectory,
        ITokenizer tokenizer,
        double validationFraction = DefaultValidationFraction,
        int splitSeed = 0,
        IProgress<PrepareProgress>? progress = null)
    {
        var split = new DocumentSplit(validationFraction, splitSeed);
        if (File.Exists(outputDirectory))
            throw new UserError($"--out {outputDirectory} is a file; give a folder (it is created when missing)");
        // A dataset folder inside an input folder must not be read back as text on the next run.
        string outputPrefix = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var files = CorpusReader.ExpandInputs(inputs)
            .Where(f => !Path.GetFullPath(f).StartsWith(outputPrefix, StringComparison.Ordinal))
            .ToList();
        if (files.Count == 0)
            throw new UserError("the corpus is empty: the inputs hold no files outside --out");
        long totalBytes = files.Sum(f => new FileInfo(f).Length);
        Directory.CreateDirectory(outputDirectory);

        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long bytesRead = 0, documents = 0;
        using var train = new TokenShardWriter(Path.Combine(outputDirectory, DatasetManifest.TrainFileName), tokenizer.Name, tokenizer.VocabularySize);
        using var validation = new TokenShardWriter(Path.Combine(outputDirectory, DatasetManifest.ValidationFileName), tokenizer.Name, tokenizer.VocabularySize);
        long trainDocuments = 0, validationDocuments = 0, trainPieces = 0, validationPieces = 0;
        var tokens = new List<int>();
        foreach (string file in files)
        {
            foreach (var unit in ReadOrExplain(file, tokenizer.VocabularySize))
            {
                tokens.Clear();
                if (unit.Tokens is not null) tokens.AddRange(unit.Tokens);
                else if (tokenizer is ByteTokenizer) ByteTokenizer.EncodeUtf8(unit.Utf8, tokens);
                else tokenizer.Encode(System.Text.Encoding.UTF8.GetString(unit.Utf8!), tokens);
                // Pre-tokenized files carry their own separators (nanoGPT writes end-of-text between documents).
                if (unit.EndsDocument && unit.Tokens is null) tokens.AddRange(tokenizer.DocumentSeparator);

                bool toValidation = split.IsValidation(unit);
                (toValidation ? validation : train).Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens));
                if (toValidation) validationPieces++; else trainPieces++;
                if (unit.EndsDocument)
                {
                    documents++;
                    if (toValidation) validationDocuments++; else trainDocuments++;
                }
                bytesRead += unit.InputBytes;
                if (progress is not null && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(200))
                {
                    lastReport = clock.Elapsed;
                    progress.Report(new PrepareProgress(bytesRead, totalBytes, train.TokenCount + validation.TokenCount, documents, file, clock.Elapsed));
                }
            }
        }
        progress?.Report(new PrepareProgress(totalBytes, totalBytes, train.TokenCount + validation.TokenCount, documents, files[^1], clock.Elapsed));

        if (train.TokenCount + validation.TokenCount == 0)
            throw new UserError($"the corpus is empty: {files.Count} input file(s) hold no text");
        if (validation.TokenCount == 0)
            throw new UserError($"the validation split is empty ({documents} document(s), --val-fraction {validationFraction}); add text or raise --val-fraction");
        if (train.TokenCount == 0)
            throw new UserError($"the train split is empty ({documents} document(s), --val-fraction {validationFraction}); add text or lower --val-fraction");

        var trainHeader = train.Complete();
        var validationHeader = validation.Complete();
        var manifest = new DatasetManifest
        {
            Tokenizer = tokenizer.Name,
            VocabularySize = tokenizer.VocabularySize,
            ValidationFraction = validationFraction,
            SplitSeed = splitSeed,
            Train = new ShardSummary(DatasetManifest.TrainFileName, trainHeader.TokenCount, trainDocuments, trainPieces, trainHeader.Checksum),
            Validation = new ShardSummary(DatasetManifest.ValidationFileName, validationHeader.TokenCount, validationDocuments, validationPieces, validationHeader.Checksum),
            Inputs = [.. inputs.Select(Path.GetFullPath)],
        };
        manifest.Save(outputDirectory);
        return manifest;
    }

    // I/O failures (permissions, a file vanishing mid-run) become one-line errors naming the file.
    static IEnumerable<CorpusUnit> ReadOrExplain(string file, int vocabularySize)
    {
        using var units = CorpusReader.Read(file, vocabularySize).GetEnumerator();
        while (true)
        {
            try
            {
                if (!units.MoveNext()) yield break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{file}: cannot read it ({e.Message})");
            }
            yield return units.Current;
        }
    }
}

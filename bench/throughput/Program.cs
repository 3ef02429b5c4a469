using System.Globalization;
using NanoLM.Bench.Throughput;

// Interleaves the PyTorch reference and nanolm's trainer on each shape, so load from other processes hits both alike.
var options = Options.Parse(args);
var reference = new ReferenceRunner(options.Python, options.Script, options.Threads);
var ours = new TrainerRunner(options.Threads);
var configurations = options.Widths.Count == 0
    ? BenchConfiguration.Reference
    : BenchConfiguration.Reference.Where(c => options.Widths.Contains(c.Width)).ToArray();

Console.WriteLine($"threads {options.Threads}, {options.Rounds} interleaved rounds, budget {options.Budget}s per run");
double gemm = reference.GemmPeakGigaflops();
Console.WriteLine($"GEMM peak (PyTorch, fp32, median of best size): {gemm:F1} GFLOP/s");

var rows = new List<string[]>();
foreach (var config in configurations)
{
    var theirs = new List<Measurement>();
    var mine = new List<Measurement>();
    for (int round = 0; round < options.Rounds; round++)
    {
        // Alternate who goes first, so neither always gets the quieter half of a round.
        if (round % 2 == 0)
        {
            theirs.Add(reference.Gpt(config, options.Steps, options.MinSteps, options.Budget));
            mine.Add(ours.Gpt(config, options.Steps, options.MinSteps, options.Budget));
        }
        else
        {
            mine.Add(ours.Gpt(config, options.Steps, options.MinSteps, options.Budget));
            theirs.Add(reference.Gpt(config, options.Steps, options.MinSteps, options.Budget));
        }
        Console.WriteLine($"  {config.Name} round {round + 1}: pytorch {theirs[^1].TokensPerSecond:F0} tok/s ({theirs[^1].TimedSteps} steps), nanolm {mine[^1].TokensPerSecond:F0} tok/s ({mine[^1].TimedSteps} steps)");
    }
    double theirsMedian = TrainerRunner.Median(theirs.Select(m => m.TokensPerSecond).ToList());
    double mineMedian = TrainerRunner.Median(mine.Select(m => m.TokensPerSecond).ToList());
    double flops = mine[0].FlopsPerToken;
    rows.Add([
        config.Name,
        theirsMedian.ToString("F0", CultureInfo.InvariantCulture),
        mineMedian.ToString("F0", CultureInfo.InvariantCulture),
        (mineMedian / theirsMedian).ToString("F2", CultureInfo.InvariantCulture),
        (theirsMedian * flops / 1e9 / gemm).ToString("P1", CultureInfo.InvariantCulture),
        (mineMedian * flops / 1e9 / gemm).ToString("P1", CultureInfo.InvariantCulture),
    ]);
}

string[] header = ["shape", "pytorch tok/s", "nanolm tok/s", "nanolm/pytorch", "pytorch MFU", "nanolm MFU"];
var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
Console.WriteLine();
Console.WriteLine(string.Join(" | ", header.Select((h, i) => h.PadLeft(widths[i]))));
Console.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
foreach (var row in rows) Console.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadLeft(widths[i]))));
Console.WriteLine("MFU = tokens/s × FLOPs/token (6·(N + d·V) + 12·L·T·d) / GEMM peak. Medians of interleaved runs; the machine may be shared.");

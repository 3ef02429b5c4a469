using System.Globalization;
using NanoLM.Bench.Throughput;
using NanoLM.Spec;

// Interleaves the PyTorch reference and nanolm's trainer (GPT, then Llama blocks) on each shape, so load from other
// processes hits them alike.
var options = Options.Parse(args);
var reference = new ReferenceRunner(options.Python, options.Script, options.Threads);
var ours = new TrainerRunner(options.Threads);
var configurations = options.Widths.Count == 0
    ? BenchConfiguration.Reference
    : BenchConfiguration.Reference.Where(c => options.Widths.Contains(c.Width)).ToArray();

Console.WriteLine($"threads {options.Threads}, {options.Rounds} interleaved rounds, budget {options.Budget}s per run");
double gemm = double.NaN;
if (options.Reference)
{
    gemm = reference.GemmPeakGigaflops();
    Console.WriteLine($"GEMM peak (PyTorch, fp32, median of best size): {gemm:F1} GFLOP/s");
}

var rows = new List<string[]>();
foreach (var config in configurations)
{
    var theirs = new List<Measurement>();
    var gpt = new List<Measurement>();
    var llama = new List<Measurement>();
    var bf16 = new List<Measurement>();
    var runs = new List<Action> { () => gpt.Add(ours.Train(config, ModelFamily.Gpt, options.Steps, options.MinSteps, options.Budget)) };
    if (options.Llama) runs.Add(() => llama.Add(ours.Train(config, ModelFamily.Llama, options.Steps, options.MinSteps, options.Budget)));
    if (options.Bf16) runs.Add(() => bf16.Add(ours.Train(config, ModelFamily.Gpt, options.Steps, options.MinSteps, options.Budget, Precision.Bf16)));
    if (options.Reference) runs.Insert(0, () => theirs.Add(reference.Gpt(config, options.Steps, options.MinSteps, options.Budget)));
    for (int round = 0; round < options.Rounds; round++)
    {
        // Rotate who goes first, so none always gets the quieter part of a round.
        for (int i = 0; i < runs.Count; i++) runs[(round + i) % runs.Count]();
        string pytorch = options.Reference ? $"pytorch {theirs[^1].TokensPerSecond:F0} tok/s ({theirs[^1].TimedSteps} steps), " : "";
        string llamaRun = options.Llama ? $", llama {llama[^1].TokensPerSecond:F0} tok/s ({llama[^1].TimedSteps} steps)" : "";
        string bf16Run = options.Bf16 ? $", gpt bf16 {bf16[^1].TokensPerSecond:F0} tok/s ({bf16[^1].TimedSteps} steps)" : "";
        Console.WriteLine($"  {config.Name} round {round + 1}: {pytorch}nanolm gpt {gpt[^1].TokensPerSecond:F0} tok/s ({gpt[^1].TimedSteps} steps){llamaRun}{bf16Run}");
    }
    double theirsMedian = options.Reference ? TrainerRunner.Median(theirs.Select(m => m.TokensPerSecond).ToList()) : double.NaN;
    double gptMedian = TrainerRunner.Median(gpt.Select(m => m.TokensPerSecond).ToList());
    double llamaMedian = options.Llama ? TrainerRunner.Median(llama.Select(m => m.TokensPerSecond).ToList()) : double.NaN;
    double bf16Median = options.Bf16 ? TrainerRunner.Median(bf16.Select(m => m.TokensPerSecond).ToList()) : double.NaN;
    double flops = gpt[0].FlopsPerToken;
    rows.Add([
        config.Name,
        Format(theirsMedian, "F0"),
        Format(gptMedian, "F0"),
        Format(gptMedian / theirsMedian, "F2"),
        Format(theirsMedian * flops / 1e9 / gemm, "P1"),
        Format(gptMedian * flops / 1e9 / gemm, "P1"),
        Format(llamaMedian, "F0"),
        Format(llamaMedian / gptMedian, "F2"),
        Format(bf16Median, "F0"),
        Format(bf16Median / theirsMedian, "F2"),
    ]);
}

string[] header = ["shape", "pytorch tok/s", "nanolm tok/s", "nanolm/pytorch", "pytorch MFU", "nanolm MFU", "llama tok/s", "llama/gpt", "bf16 tok/s", "bf16/pytorch"];
var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
Console.WriteLine();
Console.WriteLine(string.Join(" | ", header.Select((h, i) => h.PadLeft(widths[i]))));
Console.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
foreach (var row in rows) Console.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadLeft(widths[i]))));
Console.WriteLine("MFU = tokens/s × FLOPs/token (6·(N + d·V) + 12·L·T·d) / GEMM peak. nanolm columns are the GPT family; llama/gpt is");
Console.WriteLine("nanolm's Llama blocks against its GPT blocks on the same shape; bf16 is nanolm's GPT with train.precision: bf16 against");
Console.WriteLine("PyTorch's fp32 reference (MFU stays against the fp32 GEMM peak). Medians of interleaved runs; the machine may be shared.");

static string Format(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "—";

using System.Diagnostics;
using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;
using NanoLM.Fitting.Optimization;

// Usage: FitBench svg_extracted_data.csv [repetitions]. Prints one key=value line for run.sh.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: FitBench svg_extracted_data.csv [repetitions]");
    return 2;
}
string csv = args[0];
int repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;

var table = CsvTable.Read(csv);
int size = table.IndexOf("Model Size"), flop = table.IndexOf("Training FLOP"), loss = table.IndexOf("loss");
var samples = table.Rows
    .Select(r => (N: double.Parse(r.Cells[size], CultureInfo.InvariantCulture), C: double.Parse(r.Cells[flop], CultureInfo.InvariantCulture),
        Loss: double.Parse(r.Cells[loss], CultureInfo.InvariantCulture), r.Line))
    .OrderBy(r => r.Loss).SkipLast(5)
    .Select(r => new FitSample(LawPoint.Ladder(r.N, flops: r.C), r.Loss, $"line {r.Line}"))
    .ToList();

var law = new ChinchillaLaw();
var fitter = new HuberLbfgsFitter();
var result = fitter.Fit(law, samples); // warm-up: JIT and thread pool
var seconds = new List<double>();
var cpu = new List<double>();
for (int i = 0; i < repetitions; i++)
{
    // CPU time alongside wall time: on a shared machine it shows what the fit costs when it has the cores to itself.
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    result = fitter.Fit(law, samples);
    seconds.Add(watch.Elapsed.TotalSeconds);
    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
}
seconds.Sort();
cpu.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"nanolm seconds={seconds[seconds.Count / 2]:F3} min_seconds={seconds[0]:F3} cpu_seconds={cpu[cpu.Count / 2]:F3} starts={result.Starts} points={samples.Count} objective={result.Objective:E7} " +
    $"E={result.Parameter("E"):F4} alpha={result.Parameter("alpha"):F4} beta={result.Parameter("beta"):F4} basin={result.StartsInBestBasin} cores={Environment.ProcessorCount}"));
return 0;

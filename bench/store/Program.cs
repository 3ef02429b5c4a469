using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NanoLM.Cli;
using NanoLM.Store;
using Spectre.Console;

// Usage: dotnet run -c Release --project bench/store [-- ROWS RUNS]
int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
int runCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
string folder = Directory.CreateTempSubdirectory("nanolm-bench-store-").FullName;
try
{
    Console.WriteLine($"store benchmark in {folder} ({Environment.ProcessorCount} cores)");

    double batched50 = IngestRate(Path.Combine(folder, "batched50.db"), rows, flushEvery: 50);
    double batched500 = IngestRate(Path.Combine(folder, "batched500.db"), rows, flushEvery: 500);
    double naive = NaiveIngestRate(Path.Combine(folder, "naive.db"), Math.Max(1, rows / 20), "NORMAL");
    double naiveFull = NaiveIngestRate(Path.Combine(folder, "naive-full.db"), Math.Max(1, rows / 100), "FULL");
    Console.WriteLine();
    Console.WriteLine("metric ingest (rows/s)");
    Console.WriteLine($"  StoreRecorder, flush every 50 steps   {batched50,12:N0}   {batched50 / naive,6:0.0}× naive");
    Console.WriteLine($"  StoreRecorder, flush every 500 steps  {batched500,12:N0}   {batched500 / naive,6:0.0}× naive");
    Console.WriteLine($"  naive: one transaction per row        {naive,12:N0}   (reference, same pragmas)");
    Console.WriteLine($"  naive at synchronous=FULL             {naiveFull,12:N0}   {naiveFull / naive,6:0.00}× naive (the fsync per commit FULL would add)");

    string listStore = Path.Combine(folder, "list.db");
    var fill = Stopwatch.StartNew();
    FillRuns(listStore, runCount);
    Console.WriteLine();
    Console.WriteLine($"`runs list` over {runCount:N0} runs (store filled in {fill.Elapsed.TotalSeconds:0.0} s)");
    var (query, _) = Time(() => { using var store = RunStore.Open(listStore); return store.ListRuns().Count; });
    Console.WriteLine($"  RunStore.ListRuns                     {query * 1000,9:0.0} ms");
    var (table, _) = Time(() => ListCommand(listStore, json: false));
    Console.WriteLine($"  runs list (table, in process)         {table * 1000,9:0.0} ms");
    var (jsonTime, _) = Time(() => ListCommand(listStore, json: true));
    Console.WriteLine($"  runs list --json (in process)         {jsonTime * 1000,9:0.0} ms");

    // What a user waits for: a new process, from start to exit, against the tool's start-up alone in the same run.
    var (startup, _) = Time(() => Tool("--version"));
    var (whole, _) = Time(() => Tool("runs", "list", "--store", listStore));
    var (wholeJson, _) = Time(() => Tool("runs", "list", "--store", listStore, "--json"));
    Console.WriteLine($"  dotnet nanolm --version (new process)  {startup * 1000,9:0.0} ms   (start-up alone)");
    Console.WriteLine($"  dotnet nanolm runs list (new process)  {whole * 1000,9:0.0} ms   {whole / startup,5:0.0}× start-up, {whole / 0.3,5:0.00}× the 300 ms goal");
    Console.WriteLine($"  ... --json (new process)               {wholeJson * 1000,9:0.0} ms   {wholeJson / startup,5:0.0}× start-up");
}
finally
{
    // NANOLM_BENCH_KEEP=1 keeps the stores, to time or profile `runs list` on list.db by hand.
    if (Environment.GetEnvironmentVariable("NANOLM_BENCH_KEEP") == "1") Console.WriteLine($"stores kept in {folder}");
    else Directory.Delete(folder, recursive: true);
}

static double IngestRate(string path, int rows, int flushEvery)
{
    using var store = RunStore.Open(path);
    store.GetOrCreateRun(new RunRegistration("warmup", "{}", "ladder", 32, 0));
    Record(store, "warmup", Math.Min(rows, 5_000), flushEvery);
    store.GetOrCreateRun(new RunRegistration("bench", "{}", "ladder", 32, 0));
    var clock = Stopwatch.StartNew();
    Record(store, "bench", rows, flushEvery);
    return rows / clock.Elapsed.TotalSeconds;
}

static void Record(RunStore store, string id, int rows, int flushEvery)
{
    using var recorder = store.OpenRecorder(id, flushEvery);
    for (int step = 1; step <= rows; step++)
        recorder.Step(new StepMetrics(step, 3.0 + 1.0 / step, 0.01, step * 2048L, 50_000, step * 0.04));
    recorder.Finished(RunOutcome.Finished, null);
}

// The reference: the same rows and pragmas, each INSERT committed on its own, as a recorder without batching would.
static double NaiveIngestRate(string path, int rows, string synchronous)
{
    using (var store = RunStore.Open(path)) store.GetOrCreateRun(new RunRegistration("naive", "{}", "ladder", 32, 0));
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    using (var pragmas = connection.CreateCommand())
    {
        pragmas.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 30000;";
        pragmas.ExecuteNonQuery();
    }
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO metrics(run_id, step, train_loss, lr, tokens, tokens_per_s, wall_s) VALUES ('naive', $step, $loss, 0.01, $tokens, 50000, $wall)";
    var (step, loss, tokens, wall) = (insert.Parameters.Add("$step", SqliteType.Integer), insert.Parameters.Add("$loss", SqliteType.Real),
        insert.Parameters.Add("$tokens", SqliteType.Integer), insert.Parameters.Add("$wall", SqliteType.Real));
    insert.Prepare();
    var clock = Stopwatch.StartNew();
    for (int i = 1; i <= rows; i++)
    {
        (step.Value, loss.Value, tokens.Value, wall.Value) = (i, 3.0 + 1.0 / i, i * 2048L, i * 0.04);
        insert.ExecuteNonQuery();
    }
    return rows / clock.Elapsed.TotalSeconds;
}

// 10 000 runs of a ladder-like experiment: five widths, a few LRs, 20 steps and 2 evaluations each. The settings have
// the 32 keys a quickstart run records, so flattening them costs what it costs in a real store.
static void FillRuns(string path, int count)
{
    using var store = RunStore.Open(path);
    int[] widths = [32, 48, 64, 96, 128];
    for (int i = 0; i < count; i++)
    {
        int width = widths[i % widths.Length];
        double lr = 0.003 * (1 + i / widths.Length % 7);
        string id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
        string settings = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"data":{"seed":1,"source":"synthetic","vocab_size":256},"model":{"alpha_attn":1,"alpha_in":1,"alpha_out":1,"base_width":32,"depth":2,"family":"gpt","head_dim":4,"init_std":0.02,"parametrization":"mup","seq_len":64,"width":{{{width}}},"zero_init":true},"optimizer":{"beta1":0.9,"beta2":0.95,"eps":1E-08,"lr":{{{lr}}},"type":"adamw","weight_decay":0.1},"train":{"batch":16,"eval_batches":8,"eval_interval":200,"grad_clip":1,"min_lr_ratio":0.1,"schedule":"cosine","seed":{{{i % 3}}},"steps":4800,"warmup":1200,"weight_decay_mode":"coupled"}}""");
        store.GetOrCreateRun(new RunRegistration(id, settings, "ladder", width, i % 3));
        using var recorder = store.OpenRecorder(id, flushEvery: 20);
        for (int step = 1; step <= 20; step++)
        {
            recorder.Step(new StepMetrics(step, 3.0 + 1.0 / step, lr, step * 2048L, 50_000, step * 0.04));
            if (step % 10 == 0) recorder.Evaluation(new EvaluationMetrics(step, 3.1 + 1.0 / step, step * 2048L, 1 << 20, step * 0.04));
        }
        recorder.Finished(RunOutcome.Finished, null);
    }
}

static int ListCommand(string path, bool json)
{
    var output = new StringWriter();
    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
    console.Profile.Width = 240;
    string[] command = json ? ["runs", "list", "--store", path, "--json"] : ["runs", "list", "--store", path];
    int exit = CliApp.Run(command, console, Console.Error);
    if (exit != 0) throw new InvalidOperationException($"runs list exited {exit}");
    return output.GetStringBuilder().Length;
}

// The tool as `dotnet nanolm` runs it: its dll (copied beside this bench by the project reference) in a new process.
static int Tool(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dotnet-nanolm.dll"));
    foreach (string argument in arguments) start.ArgumentList.Add(argument);
    start.Environment["COLUMNS"] = "240";
    using var process = Process.Start(start)!;
    var error = process.StandardError.ReadToEndAsync();
    int length = process.StandardOutput.ReadToEnd().Length;
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet nanolm {string.Join(" ", arguments)} exited {process.ExitCode}: {error.Result}");
    return length;
}

// Best of three: the first call also pays for JIT.
static (double Seconds, int Result) Time(Func<int> action)
{
    double best = double.MaxValue;
    int result = 0;
    for (int i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        result = action();
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    return (best, result);
}

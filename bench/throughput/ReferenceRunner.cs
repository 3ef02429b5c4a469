using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NanoLM.Bench.Throughput;

/// <summary>Runs torch_gpt_ref.py in a child process and reads the JSON line it prints.</summary>
sealed class ReferenceRunner(string python, string script, int threads)
{
    public Measurement Gpt(BenchConfiguration config, int steps, int minSteps, double budgetSeconds)
    {
        using var json = Run(
            "--d", Invariant(config.Width), "--seq", Invariant(config.SequenceLength), "--batch", Invariant(config.BatchSize),
            "--layers", Invariant(config.Depth), "--n-head", Invariant(config.Heads),
            "--steps", Invariant(steps), "--min-steps", Invariant(minSteps), "--budget", Invariant(budgetSeconds));
        var root = json.RootElement;
        return new Measurement(root.GetProperty("tokens_per_s").GetDouble(), root.GetProperty("flops_per_token").GetDouble(), root.GetProperty("timed_steps").GetInt32());
    }

    /// <summary>The best median dense fp32 GEMM rate over the reference's matrix sizes, in GFLOP/s.</summary>
    public double GemmPeakGigaflops()
    {
        using var json = Run("--mode", "gemm");
        return json.RootElement.GetProperty("results").EnumerateArray().Max(r => r.GetProperty("gflops_median").GetDouble());
    }

    JsonDocument Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(Invariant(threads));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {stderr.Result}");
        string line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(line);
    }

    static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}

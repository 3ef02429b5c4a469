using System.Globalization;

namespace NanoLM.Bench.Throughput;

/// <summary>Command-line settings of the benchmark; the defaults reproduce ../shared/bench/README.md (shared/ beside the clone).</summary>
/// <param name="Reference">False (--reference off) times only nanolm's GPT and Llama, where PyTorch is not installed.</param>
/// <param name="Llama">False (--llama off) skips nanolm's Llama blocks.</param>
/// <param name="Bf16">True (--bf16 on) also times nanolm's GPT with train.precision: bf16.</param>
sealed record Options(string Python, string Script, int Threads, int Rounds, int Steps, int MinSteps, double Budget, IReadOnlyList<int> Widths,
    bool Reference = true, bool Llama = true, bool Bf16 = false)
{
    public static Options Parse(string[] args)
    {
        var options = new Options("/usr/bin/python3", DefaultReference(), 2, 3, 200, 5, 20, []);
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--python" => options with { Python = value },
                "--ref" => options with { Script = value },
                "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--steps" => options with { Steps = int.Parse(value, CultureInfo.InvariantCulture) },
                "--min-steps" => options with { MinSteps = int.Parse(value, CultureInfo.InvariantCulture) },
                "--budget" => options with { Budget = double.Parse(value, CultureInfo.InvariantCulture) },
                "--reference" => options with { Reference = OnOff("--reference", value) },
                "--llama" => options with { Llama = OnOff("--llama", value) },
                "--bf16" => options with { Bf16 = OnOff("--bf16", value) },
                "--widths" => options with { Widths = value.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return options;
    }

    static bool OnOff(string option, string value) =>
        value switch { "on" => true, "off" => false, _ => throw new ArgumentException($"{option} takes on or off") };

    // The reference trainer lives in shared/, beside the repository's clone.
    static string DefaultReference()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Tool.sln")))
                return Path.Combine(directory.FullName, "..", "shared", "bench", "torch_gpt_ref.py");
        return "torch_gpt_ref.py";
    }
}

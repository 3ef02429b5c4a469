using System.Globalization;

namespace NanoLM.Bench.Throughput;

/// <summary>Command-line settings of the benchmark; the defaults reproduce /work/shared/bench/README.md.</summary>
sealed record Options(string Python, string Script, int Threads, int Rounds, int Steps, int MinSteps, double Budget, IReadOnlyList<int> Widths)
{
    public static Options Parse(string[] args)
    {
        var options = new Options("/usr/bin/python3", "/work/shared/bench/torch_gpt_ref.py", 2, 3, 200, 5, 20, []);
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
                "--widths" => options with { Widths = value.Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return options;
    }
}

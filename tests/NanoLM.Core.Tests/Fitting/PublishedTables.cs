using System.Globalization;
using NanoLM.Fitting;
using NanoLM.Fitting.Laws;

namespace NanoLM.Tests.Fitting;

/// <summary>The two published data sets, read from the copies in examples/fit-a-published-table.</summary>
static class PublishedTables
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "examples", "fit-a-published-table");
    public static string MuScalingCsv => Path.Combine(Folder, "mu-scaling", "train_loss_20k.csv");
    public static string EpochCsv => Path.Combine(Folder, "epoch-chinchilla", "svg_extracted_data.csv");

    /// <summary>Epoch's 240 points: N = Model Size, C = Training FLOP, D = C/(6N), without the 5 highest losses.</summary>
    public static IReadOnlyList<FitSample> EpochChinchilla()
    {
        var table = CsvTable.Read(EpochCsv);
        int size = table.IndexOf("Model Size"), flop = table.IndexOf("Training FLOP"), loss = table.IndexOf("loss");
        return [.. table.Rows
            .Select(r => (N: Parse(r.Cells[size]), C: Parse(r.Cells[flop]), Loss: Parse(r.Cells[loss]), r.Line))
            .OrderBy(r => r.Loss).SkipLast(5)
            .Select(r => new FitSample(LawPoint.Ladder(r.N, flops: r.C), r.Loss, $"line {r.Line}"))];
    }

    static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Tool.sln"))) return directory.FullName;
        throw new InvalidOperationException("Tool.sln not found above the test assembly");
    }
}

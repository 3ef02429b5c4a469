using System.Text.Json.Nodes;

namespace NanoLM.Tests.Examples;

/// <summary>
/// examples/fit-a-published-table: the README's `fit` commands on the real CSVs reach the published fits the README
/// claims (μScaling's and Epoch AI's), without the bootstrap's intervals.
/// FitCommandTests covers the command's options and output format.
/// </summary>
public sealed class FitAPublishedTableExampleTests
{
    static readonly string Readme = Path.Combine(DotnetCli.RepositoryRoot, "examples", "fit-a-published-table", "README.md");

    [Fact]
    public void Mu_scaling_fit_reproduces_the_published_parameters_and_held_out_errors()
    {
        var json = Fit("mu-scaling/train_loss_20k.csv");

        Assert.Equal(2.4694, (double)json["parameters"]!["A"]!, 4);
        Assert.Equal(0.4231, (double)json["parameters"]!["alpha"]!, 4);
        Assert.Equal(2.9233, (double)json["parameters"]!["E"]!, 4);
        var errors = json["predictions"]!.AsArray().Where(p => p!["relative_error"] is not null).Select(p => Math.Round((double)p!["relative_error"]!, 4));
        Assert.Equal([0.0029, -0.0017, -0.0018], errors);
    }

    [Fact]
    public void Epoch_chinchilla_fit_reaches_epochs_optimum()
    {
        var json = Fit("epoch-chinchilla/chinchilla.csv");

        // docs/benchmarks.md: objective ≤ 1.01828e-3 and E, α, β within 0.005, 0.005, 0.01 of Epoch's 1.817, 0.348, 0.366.
        Assert.True((double)json["objective"]! <= 1.01828e-3, $"objective {json["objective"]}");
        Assert.Equal(1.817, (double)json["parameters"]!["E"]!, 0.005);
        Assert.Equal(0.348, (double)json["parameters"]!["alpha"]!, 0.005);
        Assert.Equal(0.366, (double)json["parameters"]!["beta"]!, 0.01);
    }

    static JsonObject Fit(string csv)
    {
        var command = ReadmeCommands.Read(Readme).Single(c => c[0] == "fit" && c[1].EndsWith(csv, StringComparison.Ordinal));
        var args = command.Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(DotnetCli.RepositoryRoot, a) : a).ToList();
        // The bootstrap only adds intervals, and 200 refits of the 4 500-start grid take seconds; the fit is the claim.
        int bootstrap = args.IndexOf("--bootstrap");
        if (bootstrap >= 0) args.RemoveRange(bootstrap, 2);
        var run = CliRun.Of([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonNode.Parse(run.Output)!.AsObject();
    }
}

namespace NanoLM.Tests.Examples;

/// <summary>examples/tiny-ladder: the README's commands, in order, on the example's nanolm.yaml shrunk to test size.</summary>
public sealed class TinyLadderExampleTests
{
    [Fact]
    public void Readme_commands_plan_train_predict_and_list_the_runs()
    {
        using var example = new ExampleAtTestSize("tiny-ladder");
        var commands = ReadmeCommands.Read(example.Readme);

        Assert.Equal(["train --dry-run", "train", "predict", "runs list"], commands.Select(c => Verb(c)));
        Assert.All(commands, c => Assert.Contains("examples/tiny-ladder/nanolm.yaml", c));
        var runs = commands.Select(c => CliRun.Of(example.Rebase(c))).ToList();

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output + r.Error));
        Assert.Contains("of one training of the largest target", runs[0].Output);
        // Shrunk: two LRs at width 16, then widths 16, 24, 32, 40 at two seeds each, width 16's first seed the search's own run.
        Assert.Contains("9 trained, 0 already finished, 0 diverged", runs[1].Output);
        Assert.Matches(@"Target width \d+ \([\d,]+ parameters, [\d.]+× the largest rung\): predicted \d\.\d{4}", runs[2].Output);
        Assert.Equal(9, runs[3].Output.Split('\n').Count(l => l.Contains("finished", StringComparison.Ordinal)));
    }

    static string Verb(string[] command) => string.Join(' ', command.TakeWhile(a => !a.StartsWith('-')).Concat(command.Where(a => a == "--dry-run")));
}

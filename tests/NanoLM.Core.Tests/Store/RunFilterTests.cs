using NanoLM.Store;

namespace NanoLM.Tests.Store;

public class RunFilterTests
{
    static RunRecord Run(string stage, int width, int seed, double lr, double? finalLoss, RunStatus status = RunStatus.Finished) => new()
    {
        Id = $"{stage}{width}s{seed}lr{lr}",
        Settings = StoredSettings.FromJson($$$"""{"model":{"depth":2,"width":{{{width}}}},"optimizer":{"lr":{{{lr}}}},"train":{"schedule":"cosine"}}"""),
        StoredStatus = status,
        Status = status,
        Stage = stage,
        Width = width,
        Seed = seed,
        Created = DateTimeOffset.UnixEpoch,
        FinalValidationLoss = finalLoss,
        BestValidationLoss = finalLoss,
    };

    static readonly RunRecord[] Runs =
    [
        Run("search", 32, 1, 0.01, 1.10), Run("search", 32, 1, 0.02, 1.12),
        Run("ladder", 16, 1, 0.01, 1.20), Run("ladder", 16, 2, 0.01, 1.22),
        Run("ladder", 64, 1, 0.01, 1.00), Run("ladder", 64, 2, 0.01, 0.98),
        Run("ladder", 128, 1, 0.01, null, RunStatus.Crashed),
    ];

    static string[] Ids(string expression) => [.. RunFilter.Apply(Runs, expression).Select(r => r.Id)];

    [Fact]
    public void Clauses_joined_by_and_keep_the_runs_that_match_every_one()
    {
        Assert.Equal(["ladder64s1lr0.01", "ladder64s2lr0.01", "ladder128s1lr0.01"], Ids("stage = ladder and width >= 64"));
        Assert.Equal(["search32s1lr0.02"], Ids("optimizer.lr > 0.015"));
        Assert.Equal(["ladder16s2lr0.01", "ladder64s2lr0.01"], Ids("seed != 1 AND stage='ladder'"));
        Assert.Equal(["ladder128s1lr0.01"], Ids("status = crashed"));
        Assert.Equal(["ladder64s2lr0.01"], Ids("final_val_loss < 0.99"));
        Assert.Equal(7, Ids("train.schedule = \"cosine\"").Length);
        // Numbers compare as numbers, whatever their spelling.
        Assert.Equal(Ids("optimizer.lr = 0.01"), Ids("optimizer.lr = 1e-2"));
        Assert.Equal(Runs.Select(r => r.Id), RunFilter.Apply(Runs, null).Select(r => r.Id));
    }

    [Fact]
    public void A_run_without_the_field_matches_only_inequality()
    {
        Assert.DoesNotContain("ladder128s1lr0.01", Ids("final_val_loss > 0"));
        Assert.Contains("ladder128s1lr0.01", Ids("final_val_loss != 1"));
    }

    [Theory]
    [InlineData("width = 1; DROP TABLE runs", "unexpected ';' at column 10")]
    [InlineData("widht > 3", "unknown field 'widht' at column 1 (did you mean 'width'?); fields are id, stage, width")]
    [InlineData("width => 3", "'=>' at column 7 is not an operator; use one of = != < <= > >=")]
    [InlineData("width ~ 3", "unexpected '~' at column 7")]
    [InlineData("width 3", "'3' at column 7 is not an operator")]
    [InlineData("stage < ladder", "'<' needs a number, not 'ladder' (column 9)")]
    [InlineData("width = 32 or width = 64", "expected 'and' at column 12, found 'or'")]
    [InlineData("width =", "it ends where a value should follow")]
    [InlineData("stage = 'ladder", "the quote at column 9 is never closed")]
    [InlineData("'width' = 64", "a field is not quoted: write width, not 'width' (column 1); only a value may be")]
    [InlineData("  ", "it is empty")]
    public void Anything_outside_the_grammar_is_an_error_that_says_where(string expression, string message)
    {
        var error = Assert.Throws<UserError>(() => RunFilter.Apply(Runs, expression));
        Assert.StartsWith($"--where \"{expression}\": ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Groups_give_the_count_and_the_mean_and_sd_of_the_losses_in_the_fields_order()
    {
        var groups = RunGroups.By(Runs, "width");

        Assert.Equal(["16", "32", "64", "128"], groups.Select(g => g.Key));
        var w64 = groups[2];
        Assert.Equal((2, 2), (w64.Runs, w64.Finished));
        Assert.Equal(0.99, w64.FinalValidationLoss!.Mean, 12);
        Assert.Equal(Math.Sqrt(0.0002), w64.FinalValidationLoss.StandardDeviation!.Value, 12);
        // One run has no spread; a crashed run counts but has no loss.
        Assert.Null(groups[3].FinalValidationLoss);
        Assert.Equal((1, 0), (groups[3].Runs, groups[3].Finished));
        Assert.Equal(["ladder", "search"], RunGroups.By(Runs, "stage").Select(g => g.Key));
        Assert.Contains("did you mean 'stage'?", Assert.Throws<UserError>(() => RunGroups.By(Runs, "stag")).Message);
    }
}

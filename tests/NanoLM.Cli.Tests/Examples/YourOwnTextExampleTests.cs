using NanoLM.Spec;

namespace NanoLM.Tests.Examples;

/// <summary>examples/your-own-text: a folder of .txt files through `data prepare`, `train` and `predict`, as its README says, at test size.</summary>
public sealed class YourOwnTextExampleTests
{
    [Fact]
    public void Readme_commands_prepare_the_texts_train_on_the_shards_and_predict()
    {
        using var example = new ExampleAtTestSize("your-own-text");
        var commands = ReadmeCommands.Read(example.Readme);

        Assert.Equal(["data", "train", "predict"], commands.Select(c => c[0]));
        var spec = SpecLoader.Load(example.SpecPath).SpecOrThrow();
        Assert.Equal(DataSource.Shards, spec.Data.Source);
        var runs = commands.Select(c => CliRun.Of(example.Rebase(c))).ToList();

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output + r.Error));
        Assert.Matches(@"prepared \S+: train [\d,]+ tokens \(\d+ documents\), validation [\d,]+ tokens \(\d+ documents\), tokenizer byte", runs[0].Output);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(example.SpecPath)!, spec.Data.Path!, "manifest.json")));
        Assert.Contains("5 trained, 0 already finished, 0 diverged", runs[1].Output);
        Assert.Matches(@"Target width \d+ \([\d,]+ parameters, [\d.]+× the largest rung\): predicted \d\.\d{4}", runs[2].Output);
    }
}

using NanoLM.Spec;
using NanoLM.Store;

namespace NanoLM.Tests.Store;

public class RunSettingsViewTests
{
    [Fact]
    public void Settings_flatten_to_section_dot_key_pairs_in_canonical_text()
    {
        var settings = ResolvedSettings.For(new ExperimentSpec(), 64, 1, 500, new Hyperparameters(0.02, 0.02, 1.5));
        var flat = RunSettingsView.Flatten(settings.ToCanonicalJson());
        Assert.Equal("64", flat["model.width"]);
        Assert.Equal("0.02", flat["optimizer.lr"]);
        Assert.Equal("cosine", flat["train.schedule"]);
        Assert.Equal("true", flat["model.zero_init"]);
        Assert.Equal("1E-08", flat["optimizer.eps"]);
        Assert.Equal("2", flat["model.depth"]);
    }

    [Fact]
    public void Varying_keys_are_those_not_equal_in_every_run_including_missing_ones()
    {
        var table = new RunSettingsTable(["""{"model":{"width":32,"depth":2},"train":{"seed":0}}""", """{"model":{"width":64,"depth":2}}"""]);
        Assert.Equal(["model.width", "train.seed"], table.VaryingKeys());
        Assert.Equal(["model.depth", "model.width", "train.seed"], table.Keys);
        Assert.Equal("0", table.Value(0, "train.seed"));
        Assert.Null(table.Value(1, "train.seed"));
    }

    [Fact]
    public void Flattening_unescapes_strings_skips_arrays_and_reads_null_as_empty_text_at_any_length()
    {
        string longName = new('k', 300), longText = new('v', 700);
        var flat = RunSettingsView.Flatten($$$"""{"a":{"quote":"say \"hi\"","grid":[1,{"x":2}],"none":null,"b":{"{{{longName}}}":"{{{longText}}}"}},"n":-1.5E-3}""");
        Assert.Equal(["a.b." + longName, "a.none", "a.quote", "n"], flat.Keys);
        Assert.Equal("say \"hi\"", flat["a.quote"]);
        Assert.Equal("", flat["a.none"]);
        Assert.Equal(longText, flat["a.b." + longName]);
        Assert.Equal("-1.5E-3", flat["n"]);
    }

    [Fact]
    public void Objects_nested_deeper_than_settings_are_flattened_too()
    {
        string json = string.Concat(Enumerable.Range(0, 12).Select(i => $"{{\"k{i}\":")) + "1" + new string('}', 12);
        var flat = RunSettingsView.Flatten("{\"outer\":" + json + ",\"after\":2}");
        Assert.Equal(["after", "outer." + string.Join(".", Enumerable.Range(0, 12).Select(i => $"k{i}"))], flat.Keys);
    }

    [Fact]
    public void A_table_row_reads_like_the_flattened_run()
    {
        string[] runs = ["""{"model":{"width":32,"note":"say \"hi\""},"optimizer":{"lr":0.01}}""", """{"model":{"width":64,"note":"say \"hi\"","family":"llama"}}"""];
        var table = new RunSettingsTable(runs);
        for (int i = 0; i < runs.Length; i++)
            Assert.Equal(RunSettingsView.Flatten(runs[i]).ToList(), table.Row(i).ToList());
        Assert.False(table.Row(1).ContainsKey("optimizer.lr"));
    }
}

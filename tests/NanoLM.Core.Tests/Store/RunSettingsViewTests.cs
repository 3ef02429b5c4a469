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
        Assert.Equal(2.0, RunSettingsView.Number(flat, "model.depth"));
    }

    [Fact]
    public void Varying_keys_are_those_not_equal_in_every_run_including_missing_ones()
    {
        var a = RunSettingsView.Flatten("""{"model":{"width":32,"depth":2},"train":{"seed":0}}""");
        var b = RunSettingsView.Flatten("""{"model":{"width":64,"depth":2}}""");
        Assert.Equal(["model.width", "train.seed"], RunSettingsView.VaryingKeys([a, b]));
    }
}

using NanoLM.Spec;

namespace NanoLM.Tests.Spec;

public class PredictSpecTests
{
    static SpecLoadResult Load(string yaml) =>
        SpecLoader.Parse(yaml, "nanolm.yaml", new SpecLoadOptions { MemoryBudgetBytes = 64L << 30 });

    [Fact]
    public void Default_law_is_the_single_default_recipe_constant_and_burn_in_is_automatic()
    {
        var spec = Load("name: defaults\n").Spec!;

        Assert.Equal(PredictDefaults.Law, spec.Predict.Law);
        Assert.Null(spec.Predict.BurnIn);
        Assert.Equal(PredictDefaults.AssumedRunNoise, spec.Predict.AssumedRunNoise);
    }

    [Theory]
    [InlineData("predict:\n  assumed_run_noise: 0.005\n", 0.005)]
    [InlineData("predict:\n  assumed_run_noise: 0\n", 0.0)]
    public void Assumed_run_noise_is_a_relative_standard_deviation(string yaml, double expected)
    {
        var result = Load(yaml);

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(expected, result.Spec!.Predict.AssumedRunNoise);
        Assert.Equal(result.Spec.Predict, Load(SpecWriter.ToYaml(result.Spec)).SpecOrThrow().Predict);
    }

    [Fact]
    public void Level_is_the_intervals_two_sided_level_and_round_trips()
    {
        Assert.Equal(0.95, Load("name: defaults\n").Spec!.Predict.Level);
        var result = Load("predict:\n  level: 0.9\n");

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(0.9, result.Spec!.Predict.Level);
        Assert.Contains("level: 0.9", SpecWriter.ToYaml(result.Spec));
        Assert.Equal(result.Spec.Predict, Load(SpecWriter.ToYaml(result.Spec)).SpecOrThrow().Predict);
        Assert.DoesNotContain("level:", SpecWriter.ToYaml(Load("name: defaults\n").Spec!));
    }

    [Theory]
    [InlineData("predict:\n  law: chinchilla\n  burn_in: auto\n", null)]
    [InlineData("predict:\n  law: chinchilla\n  burn_in: 400\n", 400)]
    [InlineData("predict:\n  law: annealing\n  burn_in: 0\n", 0)]
    public void Burn_in_is_auto_or_a_step(string yaml, int? expected)
    {
        var result = Load(yaml);

        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(expected, result.Spec!.Predict.BurnIn);
    }

    [Theory]
    [InlineData("predict:\n  law: chinchilla\n  burn_in: soon\n", "NLM0201", 3, 12, "auto or a step")]
    [InlineData("predict:\n  law: chinchilla\n  burn_in: -5\n", "NLM0202", 3, 12, "predict.burn_in")]
    [InlineData("train:\n  steps: 1000\npredict:\n  law: chinchilla\n  burn_in: 1000\n", "NLM0316", 5, 12, "before the last step")]
    [InlineData("predict:\n  law: power\n  burn_in: 200\n", "NLM0307", 3, 12, "whole-curve")]
    [InlineData("predict:\n  law: annealing\n  fit_step: 200\n", "NLM0307", 3, 13, "applies only to the power law")]
    [InlineData("predict:\n  law: curve-annealing\n", "NLM0203", 2, 8, "must be one of power, chinchilla, annealing, not 'curve-annealing'")]
    [InlineData("predict:\n  assumed_run_noise: 1\n", "NLM0202", 2, 22, "predict.assumed_run_noise")]
    [InlineData("predict:\n  assumed_run_noise: some\n", "NLM0201", 2, 22, "predict.assumed_run_noise")]
    [InlineData("predict:\n  level: 1\n", "NLM0202", 2, 10, "predict.level")]
    [InlineData("predict:\n  level: 0.3\n", "NLM0202", 2, 10, "predict.level")]
    [InlineData("predict:\n  level: 90%\n", "NLM0201", 2, 10, "predict.level")]
    public void Burn_in_mistakes_name_the_field_and_the_valid_values(string yaml, string code, int line, int column, string message)
    {
        var diagnostic = Load(yaml).Diagnostics.FirstOrDefault(d => d.Code == code);

        Assert.True(diagnostic is not null, $"expected {code}, got: {string.Join(" | ", Load(yaml).Diagnostics)}");
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message);
    }

    [Fact]
    public void Burn_in_round_trips_through_the_written_yaml()
    {
        var spec = Load("predict:\n  law: annealing\n  burn_in: 300\n").SpecOrThrow();

        var reread = Load(SpecWriter.ToYaml(spec)).SpecOrThrow();

        Assert.Equal(spec.Predict, reread.Predict);
    }
}

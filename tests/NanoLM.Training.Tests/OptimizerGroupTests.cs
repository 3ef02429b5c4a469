using NanoLM.Training.Model;
using NanoLM.Training.Optimization;

namespace NanoLM.Tests;

public class OptimizerGroupTests
{
    [Fact]
    public void Hidden_groups_get_eta_over_m_and_the_rest_eta_also_after_schedule_steps()
    {
        var config = new ModelConfig { Width = 64, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16 };
        using var model = new Gpt(config, seed: 0);
        double eta = 3e-3, m = 4;
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = eta, WeightDecay = 0.1 });
        var schedule = new LearningRateSchedule(ScheduleKind.Cosine, TotalSteps: 10, WarmupSteps: 2);
        foreach (int step in new[] { 0, 1, 5, 9 })
        {
            double multiplier = schedule.Multiplier(step);
            optimizer.ApplyMultiplier(multiplier);
            foreach (var group in optimizer.Groups)
            {
                double expectedBase = group.Role is ParameterRole.Hidden or ParameterRole.ResidualOutput ? eta / m : eta;
                Assert.Equal(expectedBase, group.BaseLearningRate, 12);
                Assert.Equal(expectedBase * multiplier, group.LearningRate, 12);
            }
        }
    }

    [Fact]
    public void Coupled_weight_decay_is_lambda_times_m_on_hidden_groups_and_zero_on_vectors()
    {
        var config = new ModelConfig { Width = 64, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16 };
        using var model = new Gpt(config, seed: 0);
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = 1e-3, WeightDecay = 0.1 });
        var decay = optimizer.Groups.ToDictionary(g => g.Role, g => g.WeightDecay);
        Assert.Equal(0.4, decay[ParameterRole.Hidden], 12);
        Assert.Equal(0.4, decay[ParameterRole.ResidualOutput], 12);
        Assert.Equal(0.1, decay[ParameterRole.Embedding], 12);
        Assert.Equal(0.1, decay[ParameterRole.Readout], 12);
        Assert.Equal(0.0, decay[ParameterRole.Vector], 12);
    }

    [Fact]
    public void Independent_weight_decay_shrinks_every_decayed_group_by_lambda_per_step()
    {
        var config = new ModelConfig { Width = 64, BaseWidth = 16, Depth = 1, HeadDim = 16, SequenceLength = 8, VocabularySize = 16, WeightDecayScaling = WeightDecayScaling.Independent };
        using var model = new Gpt(config, seed: 0);
        using var optimizer = new MuPAdamW(model, new AdamWSettings { LearningRate = 1e-3, WeightDecay = 1e-4 });
        foreach (var group in optimizer.Groups.Where(g => g.Role != ParameterRole.Vector))
            Assert.Equal(1e-4, group.LearningRate * group.WeightDecay, 15);
    }
}

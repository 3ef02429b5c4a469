using NanoLM.Training.Optimization;

namespace NanoLM.Tests;

public class ScheduleTests
{
    [Fact]
    public void Warmup_rises_linearly_then_cosine_ends_at_the_minimum_ratio()
    {
        var schedule = new LearningRateCurve(Spec.LearningRateSchedule.Cosine, TotalSteps: 110, WarmupSteps: 10, MinRatio: 0.1);
        Assert.Equal(0.1, schedule.Multiplier(0), 12);
        Assert.Equal(1.0, schedule.Multiplier(9), 12);
        Assert.Equal(1.0, schedule.Multiplier(10), 12);
        Assert.Equal(0.55, schedule.Multiplier(60), 12);
        Assert.Equal(0.1, schedule.Multiplier(110), 12);
    }

    [Fact]
    public void Warmup_stable_decay_holds_the_peak_until_the_final_fraction()
    {
        var schedule = new LearningRateCurve(Spec.LearningRateSchedule.Wsd, TotalSteps: 100, WarmupSteps: 10, MinRatio: 0.0, DecayFraction: 0.2);
        Assert.Equal(1.0, schedule.Multiplier(50), 12);
        Assert.Equal(1.0, schedule.Multiplier(80), 12);
        Assert.Equal(0.5, schedule.Multiplier(90), 12);
        Assert.Equal(0.0, schedule.Multiplier(100), 12);
    }

    [Fact]
    public void Constant_and_linear_schedules_scale_as_named()
    {
        var constant = new LearningRateCurve(Spec.LearningRateSchedule.Constant, TotalSteps: 100);
        Assert.Equal(1.0, constant.Multiplier(77), 12);
        var linear = new LearningRateCurve(Spec.LearningRateSchedule.Linear, TotalSteps: 100, MinRatio: 0.0);
        Assert.Equal(0.75, linear.Multiplier(25), 12);
    }
}

using NanoLM.Fitting.Laws;
using NanoLM.Spec;

namespace NanoLM.Tests.Fitting;

public class ScalingLawsTests
{
    [Fact]
    public void Every_law_has_its_own_name_and_class_and_its_name_parses_back()
    {
        var laws = Enum.GetValues<ScalingLaw>();

        Assert.Equal(["power", "chinchilla", "annealing", "curve-annealing"], ScalingLaws.Names(laws));
        Assert.Equal(laws.Length, laws.Select(l => ScalingLaws.Create(l).GetType()).Distinct().Count());
        foreach (var law in laws)
        {
            Assert.Equal(law, ScalingLaws.Create(law).Kind);
            Assert.Equal(law, ScalingLaws.Parse(ScalingLaws.Name(law)));
        }
    }

    [Fact]
    public void The_annealing_law_spans_sizes_and_the_curve_annealing_law_one_curve()
    {
        Assert.Contains("N", ScalingLaws.Create(ScalingLaw.Annealing).Formula);
        Assert.Equal(6, ScalingLaws.Create(ScalingLaw.Annealing).ParameterNames.Count);
        Assert.Equal(4, ScalingLaws.Create(ScalingLaw.CurveAnnealing).ParameterNames.Count);
    }

    [Fact]
    public void A_floored_law_keeps_its_kind()
    {
        var floored = FlooredLaw.Apply(ScalingLaws.Create(ScalingLaw.Chinchilla), 1.1);

        Assert.IsType<FlooredLaw>(floored);
        Assert.Equal("chinchilla", floored.Name);
    }

    [Fact]
    public void A_name_outside_the_choices_is_the_users_error_listing_them()
    {
        var error = Assert.Throws<UserError>(() => ScalingLaws.Parse("curve-annealing", PredictSpec.Laws));

        Assert.Equal("unknown law 'curve-annealing'; choose one of power, chinchilla, annealing", error.Message);
    }
}

using System.CommandLine;
using System.Globalization;
using NanoLM.Spec;

namespace NanoLM.Cli;

/// <summary>`--level P`: the two-sided level of the intervals a command prints, null when not given.</summary>
static class LevelOption
{
    public static Option<double?> Create(string fallback)
    {
        var option = new Option<double?>("--level")
        {
            HelpName = "P",
            Description = $"The intervals' two-sided level, {Text(PredictSpec.MinLevel)} to {Text(PredictSpec.MaxLevel)} (default: {fallback}).",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } level && !(level is >= PredictSpec.MinLevel and <= PredictSpec.MaxLevel))
                result.AddError($"--level must be from {Text(PredictSpec.MinLevel)} to {Text(PredictSpec.MaxLevel)}, such as 0.9 for 90 % intervals, not {Text(level)}");
        });
        return option;
    }

    static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using NanoLM.Spec;

namespace NanoLM.Cli;

/// <summary>`--level P`: the two-sided level of the intervals a command prints, null when not given.</summary>
static class LevelOption
{
    /// <param name="setting">Where the level comes from when the option is not given, before the default (such as predict.level); null for the default alone.</param>
    public static Option<double?> Create(string? setting = null)
    {
        string fallback = setting is null ? Text(PredictDefaults.Level) : $"{setting}, else {Text(PredictDefaults.Level)}";
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

using System.Globalization;

namespace NanoLM.Store;

/// <summary>One group of `runs list --group-by FIELD`: the runs that share the field's value, and their losses' spread.</summary>
/// <param name="Key">The shared value ("-" for runs without the field).</param>
/// <param name="Runs">How many runs the group holds.</param>
/// <param name="Finished">How many of them have a final validation loss.</param>
public sealed record RunGroup(string Key, int Runs, int Finished, MeanAndSpread? FinalValidationLoss, MeanAndSpread? BestValidationLoss);

/// <summary>A mean and the sample standard deviation around it (null for one value: nothing to spread).</summary>
public sealed record MeanAndSpread(double Mean, double? StandardDeviation)
{
    public static MeanAndSpread? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        double mean = values.Average();
        double? sd = values.Count < 2 ? null : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new MeanAndSpread(mean, sd);
    }
}

public static class RunGroups
{
    /// <summary>
    /// Groups the runs by a field (<see cref="RunFields"/>), ordered by its value: numerically when every value is a
    /// number, else as text. Losses are summarized over runs that have one and is finite (a diverged run has none).
    /// </summary>
    public static IReadOnlyList<RunGroup> By(IReadOnlyList<RunRecord> runs, string field)
    {
        var settings = new RunSettingsTable(runs);
        if (!RunFields.Has(field, settings.KeySet))
            throw new UserError($"--group-by: unknown field '{field}'{RunFields.Unknown(field, settings.KeySet)}");
        var groups = runs.Select((run, i) => (Run: run, Key: RunFields.Value(run, settings.Row(i), field) ?? "-"))
            .GroupBy(r => r.Key)
            .Select(g =>
            {
                var final = g.Select(r => r.Run.FinalValidationLoss).OfType<double>().Where(double.IsFinite).ToList();
                var best = g.Select(r => r.Run.BestValidationLoss).OfType<double>().Where(double.IsFinite).ToList();
                return new RunGroup(g.Key, g.Count(), final.Count, MeanAndSpread.Of(final), MeanAndSpread.Of(best));
            })
            .ToList();
        bool numeric = groups.All(g => double.TryParse(g.Key, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? [.. groups.OrderBy(g => double.Parse(g.Key, CultureInfo.InvariantCulture))]
            : [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal)];
    }
}

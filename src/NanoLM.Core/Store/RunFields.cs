using System.Globalization;

namespace NanoLM.Store;

/// <summary>
/// A run's fields by name, as `--where` and `--group-by` see them: its columns (<see cref="Columns"/>, named as in
/// `runs list --json`) and every setting of its identity ("optimizer.lr", "model.depth").
/// </summary>
public static class RunFields
{
    public static readonly string[] Columns =
        ["id", "stage", "width", "seed", "status", "params", "final_step", "tokens", "wall_s", "best_val_loss", "final_val_loss"];

    /// <summary>Whether <paramref name="field"/> is a column or one of the runs' settings.</summary>
    public static bool Has(string field, IReadOnlyCollection<string> settingKeys) => Columns.Contains(field) || settingKeys.Contains(field);

    /// <summary>What follows "unknown field 'F'" in an error: a suggestion, and the fields there are.</summary>
    public static string Unknown(string field, IReadOnlyCollection<string> settingKeys)
    {
        string example = settingKeys.Contains("optimizer.lr") ? "optimizer.lr" : settingKeys.Order(StringComparer.Ordinal).FirstOrDefault() ?? "optimizer.lr";
        return $"{Spec.EditDistance.DidYouMean(field, Columns.Concat(settingKeys))}; fields are {string.Join(", ", Columns)}, or a setting such as {example}";
    }

    /// <summary>The field's value as text (numbers in invariant culture), or null when the run has none.</summary>
    public static string? Value(RunRecord run, IReadOnlyDictionary<string, string> settings, string field) => field switch
    {
        "id" => run.Id,
        "stage" => run.Stage,
        "width" => Integer(run.Width),
        "seed" => Integer(run.Seed),
        "status" => run.Status.Name(),
        "params" => RunExport.NonEmbeddingParameters(run) is { } n ? Integer(n) : null,
        "final_step" => run.FinalStep is { } step ? Integer(step) : null,
        "tokens" => run.Tokens is { } tokens ? Integer(tokens) : null,
        "wall_s" => Real(run.WallSeconds),
        "best_val_loss" => Real(run.BestValidationLoss),
        "final_val_loss" => Real(run.FinalValidationLoss),
        _ => settings.TryGetValue(field, out string? value) ? value : null,
    };

    static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
    static string? Real(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

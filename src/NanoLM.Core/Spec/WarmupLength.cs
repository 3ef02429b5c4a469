using System.Globalization;

namespace NanoLM.Spec;

/// <summary>
/// `train.warmup`: a number of steps (`300`), or a share of each run's own steps (`25%`), so that a template's warmup
/// keeps its proportion when `--steps` changes and a search with fewer steps warms up for proportionally fewer.
/// </summary>
/// <remarks>A run's identity holds the resolved step count, so `25%` of 1 200 steps and `300` are the same run.</remarks>
public readonly record struct WarmupLength
{
    WarmupLength(int? steps, double? percent) => (Steps, Percent) = (steps, percent);

    /// <summary>A fixed number of steps; null when the warmup is a share.</summary>
    public int? Steps { get; }

    /// <summary>The share of a run's steps, in percent (0 ≤ p &lt; 100); null when the warmup is a step count.</summary>
    public double? Percent { get; }

    public static WarmupLength OfSteps(int steps) =>
        steps >= 0 ? new(steps, null) : throw new ArgumentOutOfRangeException(nameof(steps), "a warmup cannot be negative");

    public static WarmupLength OfPercent(double percent) =>
        percent is >= 0 and < 100 ? new(null, percent) : throw new ArgumentOutOfRangeException(nameof(percent), "a warmup share must be at least 0 % and below 100 %");

    public static implicit operator WarmupLength(int steps) => OfSteps(steps);

    /// <summary>The warmup steps of a run that trains for <paramref name="runSteps"/> steps.</summary>
    public int For(int runSteps) =>
        Percent is { } percent ? (int)Math.Round(runSteps * percent / 100, MidpointRounding.AwayFromZero) : Steps ?? 0;

    /// <summary>How it reads in nanolm.yaml: `300` or `25%`.</summary>
    public override string ToString() =>
        Percent is { } percent ? $"{percent.ToString("G6", CultureInfo.InvariantCulture)}%" : (Steps ?? 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>How it reads in a message about a run of <paramref name="runSteps"/> steps: `300` or `25% = 300 steps`.</summary>
    public string Describe(int runSteps) => Percent is null ? ToString() : $"{this} = {For(runSteps)} steps";

    /// <summary>Reads `300` or `25%` (a number followed by a percent sign); false for anything else, including a share of 100 % or more.</summary>
    public static bool TryParse(string text, out WarmupLength value)
    {
        value = default;
        text = text.Trim();
        if (text.EndsWith('%'))
        {
            if (!double.TryParse(text[..^1].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out double percent)
                || percent is < 0 or >= 100 || !double.IsFinite(percent)) return false;
            value = OfPercent(percent);
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int steps)) return false;
        value = OfSteps(steps);
        return true;
    }
}

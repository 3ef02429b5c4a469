using System.Globalization;

namespace NanoLM.Report;

/// <summary>How numbers read in tables and on axes; always invariant culture so reports do not change with the machine's locale.</summary>
public static class ReportFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Loss(double loss) => double.IsFinite(loss) ? loss.ToString("0.0000", Invariant) : "diverged";

    /// <summary>A signed percentage with two decimals, e.g. "+0.29 %".</summary>
    public static string RelativeError(double fraction) => (fraction * 100).ToString("+0.00;-0.00;0.00", Invariant) + " %";

    public static string Percent(double fraction, int decimals = 1) => (fraction * 100).ToString("0." + new string('0', decimals), Invariant) + " %";

    /// <summary>Mantissa and exponent, e.g. "1.4e-2" for a learning rate; <paramref name="keepZeros"/> writes "6.00e15" rather than "6e15".</summary>
    public static string Scientific(double value, int decimals = 2, bool keepZeros = false)
    {
        if (value == 0 || !double.IsFinite(value)) return value.ToString(Invariant);
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        double mantissa = value / Math.Pow(10, exponent);
        // Rounding can carry the mantissa to 10 (9.996 → "10.00"); move that into the exponent.
        if (Math.Round(Math.Abs(mantissa), decimals) >= 10) { mantissa /= 10; exponent++; }
        return mantissa.ToString("0." + new string(keepZeros ? '0' : '#', decimals), Invariant) + "e" + exponent.ToString(Invariant);
    }

    public static string LearningRate(double value) => Scientific(value, 2);

    /// <summary>An SI-suffixed count with three significant digits, e.g. "8.53M" parameters or "2.1G" tokens.</summary>
    public static string Count(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(Invariant);
        (double scale, string suffix)[] units = [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];
        // The tolerance keeps 999999.9999 (a log axis's 10^6) from reading as "1000k".
        foreach (var (scale, suffix) in units)
            if (Math.Abs(value) >= scale * (1 - 1e-9)) return ThreeSignificant(value / scale) + suffix;
        return ThreeSignificant(value);
    }

    /// <summary>Five significant digits in plain notation between 0.001 and 10^6, scientific outside, e.g. a fitted parameter.</summary>
    public static string Number(double value)
    {
        double magnitude = Math.Abs(value);
        if (value == 0 || !double.IsFinite(value)) return value.ToString(Invariant);
        if (magnitude < 1e-3 || magnitude >= 1e6) return Scientific(value, 4);
        int decimals = Math.Max(0, 4 - (int)Math.Floor(Math.Log10(magnitude)));
        return Math.Round(value, decimals).ToString("0." + new string('#', decimals), Invariant);
    }

    public static string Flops(double value) => Scientific(value, 2, keepZeros: true);

    public static string Duration(TimeSpan span)
    {
        if (span.TotalSeconds < 60) return span.TotalSeconds.ToString("0.0", Invariant) + " s";
        if (span.TotalMinutes < 60) return $"{(int)span.TotalMinutes} min {span.Seconds:00} s";
        return $"{(int)span.TotalHours} h {span.Minutes:00} min";
    }

    public static string Date(DateTimeOffset? when) =>
        when is DateTimeOffset value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant) : "—";

    public static string Interval(double? lower, double? upper, Func<double, string> format) =>
        lower is double low && upper is double high ? $"[{format(low)}, {format(high)}]" : "—";

    static string ThreeSignificant(double value)
    {
        double magnitude = Math.Abs(value);
        string pattern = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.#" : "0.##";
        return value.ToString(pattern, Invariant);
    }
}

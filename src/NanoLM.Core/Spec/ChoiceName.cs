namespace NanoLM.Spec;

/// <summary>How nanolm.yaml and the command line write an enum's members: lowercase kebab case (CurveAnnealing is curve-annealing).</summary>
public static class ChoiceName
{
    public static string Of<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    /// <summary>The member of <paramref name="among"/> written <paramref name="text"/> (nanolm.yaml compares ordinally, the command line ignoring case).</summary>
    public static bool TryParse<T>(string text, IReadOnlyList<T> among, StringComparison comparison, out T value) where T : struct, Enum
    {
        foreach (var member in among)
            if (string.Equals(Of(member), text, comparison))
            {
                value = member;
                return true;
            }
        value = default;
        return false;
    }
}

namespace NanoLM.Spec;

/// <summary>How nanolm.yaml and the command line write an enum's members: lowercase kebab case (CurveAnnealing is curve-annealing).</summary>
public static class ChoiceName
{
    public static string Of<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}

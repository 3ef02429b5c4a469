namespace NanoLM.Data;

/// <summary>Conveniences over <see cref="ITokenSource"/> for small sources and tests.</summary>
public static class TokenSourceExtensions
{
    /// <summary>Copies every token into a new array (meant for sources of a few million tokens).</summary>
    public static int[] ReadAll(this ITokenSource source)
    {
        var tokens = new int[checked((int)source.Count)];
        source.Read(0, tokens);
        return tokens;
    }
}

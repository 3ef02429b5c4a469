using System.Text.Json;

namespace NanoLM.Cli.Commands;

/// <summary>The JSON conventions of the `runs` commands: snake_case names, no nulls, infinities as strings.</summary>
internal static class RunsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };
}

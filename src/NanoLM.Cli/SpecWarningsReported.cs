namespace NanoLM.Cli;

/// <summary>
/// Whoever started the tool has already shown nanolm.yaml's warnings: the NanoLM.Build targets validate the spec
/// themselves and set NANOLM_SPEC_REPORTED=1, so the build log does not list every warning twice.
/// </summary>
internal static class SpecWarningsReported
{
    public const string EnvironmentVariable = "NANOLM_SPEC_REPORTED";

    public static bool ByCaller => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";
}

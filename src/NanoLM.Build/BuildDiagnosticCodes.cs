namespace NanoLM.Build;

/// <summary>The NLM00xx codes the build integration logs itself; docs/msbuild.md lists them. Spec problems keep their NLM01xx–03xx codes.</summary>
public static class BuildDiagnosticCodes
{
    // NLM0001–NLM0003: the TorchSharp native fix-up (FixTorchSharpNative).
    public const string ToolFailed = "NLM0010";
    public const string ToolNotFound = "NLM0011";
    public const string PredictionUnreadable = "NLM0012";
    public const string PredictionWarning = "NLM0013";
}

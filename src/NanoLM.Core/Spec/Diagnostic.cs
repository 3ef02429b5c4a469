namespace NanoLM.Spec;

/// <summary>How bad a diagnostic is: errors stop `train`, warnings are printed and ignored.</summary>
public enum DiagnosticSeverity { Error, Warning }

/// <summary>One finding about a nanolm.yaml, pointing at a line and column (1-based) of the file.</summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string File, int Line, int Column, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The MSBuild/compiler shape, so editors and CI annotate the line: <c>nanolm.yaml(3,5): error NLM0102: …</c>.</summary>
    public override string ToString() =>
        $"{File}({Line},{Column}): {(IsError ? "error" : "warning")} {Code}: {Message}";
}

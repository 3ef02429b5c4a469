namespace NanoLM.Report;

/// <summary>Why a notice stands out: data missing, a result to distrust, or a check that passed.</summary>
public enum NoticeKind
{
    NotAvailable,
    Warning,
    Passed,
}

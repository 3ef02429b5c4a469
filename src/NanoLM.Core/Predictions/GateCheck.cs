using NanoLM.Spec;

namespace NanoLM.Predictions;

/// <summary>The fit-quality gate's checks, in the order they are listed.</summary>
public enum GateCheckKind { Plateau, Monotonic, Residuals, Backtest, Identified }

/// <summary>
/// Why a check failed, in the order one undermines a fit more than the next: the verdict's sentence is the first's. An
/// inversion that seed noise explains comes last, since any other failure says more.
/// </summary>
public enum GateFailureKind { Plateau, Flat, Inversion, Residuals, Backtest, Unidentified, NoisyInversion }

/// <summary>A failed check's finding: its rank, what it does to the targets' intervals (widens or withholds them), and one sentence with the likely cause and what to change.</summary>
public sealed record GateFailure(GateFailureKind Kind, IntervalAction Action, string Sentence);

/// <summary>One check of the fit-quality gate: which, what it measured, and its failure when it failed.</summary>
public sealed record GateCheck(GateCheckKind Kind, string Detail, GateFailure? Failure = null)
{
    /// <summary>The check's name as predict prints it and its JSON writes it (plateau, monotonic, residuals, backtest, identified).</summary>
    public string Name => ChoiceName.Of(Kind);

    public bool Passed => Failure is null;
}

using NanoLM.Runs;
namespace NanoLM.Predictions;

/// <summary>One check of the fit-quality gate: its name as in JSON (residuals, monotonic, backtest, identified, plateau), whether it passed, and what it measured.</summary>
public sealed record GateCheck(string Name, bool Passed, string Detail);

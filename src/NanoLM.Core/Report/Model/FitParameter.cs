namespace NanoLM.Report;

/// <summary>A fitted law parameter with its bootstrap interval when there is one.</summary>
public sealed record FitParameter(string Name, double Value, double? Lower = null, double? Upper = null);

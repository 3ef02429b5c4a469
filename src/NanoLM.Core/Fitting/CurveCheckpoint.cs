namespace NanoLM.Fitting;

/// <summary>One evaluation of a training run: the step, the tokens seen by then, and the validation loss.</summary>
public sealed record CurveCheckpoint(long Step, double Tokens, double Loss);

namespace NanoLM.Fitting.Laws;

/// <summary>The quantity a one-variable power law runs over.</summary>
public enum ScalingAxis { Params, Flops, Tokens }

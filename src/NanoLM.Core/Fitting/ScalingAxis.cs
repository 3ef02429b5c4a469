namespace NanoLM.Fitting;

/// <summary>The quantity a one-variable power law runs over.</summary>
public enum ScalingAxis { Params, Flops, Tokens }
